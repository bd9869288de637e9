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

    /**
     * {@code spectrogram[frame][bin]} → {@code [frame][filter]}. Four frames at a time: each output is still one sum
     * in bin order (the same bits as a frame-by-frame loop), but four independent sums keep the adder busy where
     * one waits on its own previous addition (measured: chroma and mel banks about 3× faster).
     */
    public double[][] apply(double[][] spectrogram) {
        int frames = spectrogram.length;
        double[][] out = new double[frames][weights.length];
        int t = 0;
        for (; t + 4 <= frames; t += 4) {
            double[] a = spectrogram[t];
            double[] b = spectrogram[t + 1];
            double[] c = spectrogram[t + 2];
            double[] d = spectrogram[t + 3];
            for (int f = 0; f < bins.length; f++) {
                int[] idx = bins[f];
                double[] w = values[f];
                double sa = 0;
                double sb = 0;
                double sc = 0;
                double sd = 0;
                for (int j = 0; j < idx.length; j++) {
                    int k = idx[j];
                    double wj = w[j];
                    sa += wj * a[k];
                    sb += wj * b[k];
                    sc += wj * c[k];
                    sd += wj * d[k];
                }
                out[t][f] = sa;
                out[t + 1][f] = sb;
                out[t + 2][f] = sc;
                out[t + 3][f] = sd;
            }
        }
        for (; t < frames; t++) {
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
