package io.github.ser.dsp;

/** Orthonormal DCT-II keeping the first {@code outputs} coefficients (scipy.fft.dct(type=2, norm='ortho')). */
public final class Dct {
    private final double[][] basis;

    public Dct(int inputs, int outputs) {
        if (outputs > inputs || outputs < 1) {
            throw new IllegalArgumentException("outputs must be in [1, inputs]");
        }
        basis = new double[outputs][inputs];
        for (int k = 0; k < outputs; k++) {
            double scale = Math.sqrt((k == 0 ? 1.0 : 2.0) / inputs);
            for (int n = 0; n < inputs; n++) {
                basis[k][n] = scale * Math.cos(Math.PI * k * (2 * n + 1) / (2.0 * inputs));
            }
        }
    }

    public double[] transform(double[] x) {
        double[] out = new double[basis.length];
        for (int k = 0; k < basis.length; k++) {
            double sum = 0;
            double[] b = basis[k];
            for (int n = 0; n < b.length; n++) {
                sum += b[n] * x[n];
            }
            out[k] = sum;
        }
        return out;
    }

    /** Applies the transform to every frame of {@code [frame][input]}. */
    public double[][] transform(double[][] frames) {
        double[][] out = new double[frames.length][];
        for (int t = 0; t < frames.length; t++) {
            out[t] = transform(frames[t]);
        }
        return out;
    }
}
