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

    /**
     * Applies the transform to every frame of {@code [frame][input]}: four frames at a time, each coefficient still
     * one sum in input order (the bits of {@link #transform(double[])}), four sums in flight instead of one.
     */
    public double[][] transform(double[][] frames) {
        double[][] out = new double[frames.length][];
        int t = 0;
        for (; t + 4 <= frames.length; t += 4) {
            double[] a = frames[t];
            double[] b = frames[t + 1];
            double[] c = frames[t + 2];
            double[] d = frames[t + 3];
            double[] oa = new double[basis.length];
            double[] ob = new double[basis.length];
            double[] oc = new double[basis.length];
            double[] od = new double[basis.length];
            for (int k = 0; k < basis.length; k++) {
                double[] w = basis[k];
                double sa = 0;
                double sb = 0;
                double sc = 0;
                double sd = 0;
                for (int n = 0; n < w.length; n++) {
                    double wn = w[n];
                    sa += wn * a[n];
                    sb += wn * b[n];
                    sc += wn * c[n];
                    sd += wn * d[n];
                }
                oa[k] = sa;
                ob[k] = sb;
                oc[k] = sc;
                od[k] = sd;
            }
            out[t] = oa;
            out[t + 1] = ob;
            out[t + 2] = oc;
            out[t + 3] = od;
        }
        for (; t < frames.length; t++) {
            out[t] = transform(frames[t]);
        }
        return out;
    }
}
