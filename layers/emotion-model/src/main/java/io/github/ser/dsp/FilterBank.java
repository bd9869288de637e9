package io.github.ser.dsp;

/**
 * A bank of non-negative spectral weights {@code [filter][bin]} applied frame by frame. Each filter keeps only
 * its non-zero weights, so applying a triangular or chroma bank costs a fraction of a dense product.
 */
public final class FilterBank {
    private final double[][] weights;
    private final int[][] bins;
    private final double[][] values;

    public FilterBank(double[][] weights) {
        this.weights = weights;
        this.bins = new int[weights.length][];
        this.values = new double[weights.length][];
        for (int f = 0; f < weights.length; f++) {
            int n = 0;
            for (double w : weights[f]) {
                n += w != 0 ? 1 : 0;
            }
            bins[f] = new int[n];
            values[f] = new double[n];
            int j = 0;
            for (int k = 0; k < weights[f].length; k++) {
                if (weights[f][k] != 0) {
                    bins[f][j] = k;
                    values[f][j++] = weights[f][k];
                }
            }
        }
    }

    public int size() {
        return weights.length;
    }

    public double[][] weights() {
        return weights;
    }

    /** {@code spectrogram[frame][bin]} → {@code [frame][filter]}. */
    public double[][] apply(double[][] spectrogram) {
        double[][] out = new double[spectrogram.length][weights.length];
        for (int t = 0; t < spectrogram.length; t++) {
            double[] frame = spectrogram[t];
            for (int f = 0; f < bins.length; f++) {
                int[] idx = bins[f];
                double[] w = values[f];
                double sum = 0;
                for (int j = 0; j < idx.length; j++) {
                    sum += w[j] * frame[idx[j]];
                }
                out[t][f] = sum;
            }
        }
        return out;
    }
}
