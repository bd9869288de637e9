package io.github.ser.dsp;

/**
 * A bank of non-negative spectral weights {@code [filter][bin]} applied frame by frame. Each filter
 * remembers the bins where it is non-zero, so applying a triangular bank costs a fraction of a dense product.
 */
public final class FilterBank {
    private final double[][] weights;
    private final int[] first;
    private final int[] last;

    public FilterBank(double[][] weights) {
        this.weights = weights;
        this.first = new int[weights.length];
        this.last = new int[weights.length];
        for (int f = 0; f < weights.length; f++) {
            int lo = 0;
            int hi = weights[f].length - 1;
            while (lo <= hi && weights[f][lo] == 0) {
                lo++;
            }
            while (hi >= lo && weights[f][hi] == 0) {
                hi--;
            }
            first[f] = lo;
            last[f] = hi;
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
            for (int f = 0; f < weights.length; f++) {
                double[] w = weights[f];
                double sum = 0;
                for (int k = first[f]; k <= last[f]; k++) {
                    sum += w[k] * frame[k];
                }
                out[t][f] = sum;
            }
        }
        return out;
    }
}
