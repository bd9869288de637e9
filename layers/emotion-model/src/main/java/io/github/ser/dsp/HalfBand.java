package io.github.ser.dsp;

/**
 * Decimation by two with a short linear-phase half-band low-pass (31-tap Hamming-windowed sinc, cut-off at a
 * quarter of the input rate: 4 kHz for 16 kHz input). A half-band filter's taps at even offsets from the centre are
 * zero, so each output costs 8 multiply-adds of sample pairs plus the centre tap. For analyses that only need the low band, such as pitch: the general
 * {@code audio.Resampler} keeps 70 dB of stop band for the model's input and costs several times more (measured with
 * {@code ./ser bench}); here aliasing only has to stay below the voice's harmonics.
 */
public final class HalfBand {

    static final int TAPS = 31;
    static final double CUTOFF = 0.25;
    private static final double[] H = design();

    private HalfBand() {
    }

    /**
     * Every second sample of the low-passed signal: {@code ceil(n / 2)} samples, aligned (sample 0 stays sample 0).
     * Interior outputs four at a time: each still one sum in tap order, four in flight instead of one.
     */
    public static float[] decimate(float[] x) {
        int half = TAPS / 2;
        float[] y = new float[(x.length + 1) / 2];
        int m = 0;
        for (; m < y.length; m++) {
            if (2 * m - half >= 0 && 2 * m + 6 + half < x.length) {
                break;
            }
            y[m] = one(x, m);
        }
        for (; m + 4 <= y.length && 2 * m + 6 + half < x.length; m += 4) {
            int c = 2 * m;
            double s0 = H[half] * x[c];
            double s1 = H[half] * x[c + 2];
            double s2 = H[half] * x[c + 4];
            double s3 = H[half] * x[c + 6];
            for (int k = 1; k <= half; k += 2) {
                double h = H[half + k];
                s0 += h * (x[c - k] + x[c + k]);
                s1 += h * (x[c + 2 - k] + x[c + 2 + k]);
                s2 += h * (x[c + 4 - k] + x[c + 4 + k]);
                s3 += h * (x[c + 6 - k] + x[c + 6 + k]);
            }
            y[m] = (float) s0;
            y[m + 1] = (float) s1;
            y[m + 2] = (float) s2;
            y[m + 3] = (float) s3;
        }
        for (; m < y.length; m++) {
            y[m] = one(x, m);
        }
        return y;
    }

    /** Output {@code m} alone; near either end, samples beyond it count as zero. */
    private static float one(float[] x, int m) {
        int half = TAPS / 2;
        int centre = 2 * m;
        double sum = H[half] * x[centre];
        if (centre - half >= 0 && centre + half < x.length) {
            for (int k = 1; k <= half; k += 2) {
                sum += H[half + k] * (x[centre - k] + x[centre + k]);
            }
            return (float) sum;
        }
        for (int k = 1; k <= half; k += 2) {
            double left = centre - k >= 0 ? x[centre - k] : 0;
            double right = centre + k < x.length ? x[centre + k] : 0;
            sum += H[half + k] * (left + right);
        }
        return (float) sum;
    }

    /** The filter's taps (normalised to unit gain at 0 Hz). */
    static double[] taps() {
        return H.clone();
    }

    private static double[] design() {
        double[] h = new double[TAPS];
        int half = TAPS / 2;
        double sum = 0;
        for (int n = 0; n < TAPS; n++) {
            int k = n - half;
            double sinc = k == 0 ? 2 * CUTOFF : Math.sin(2 * Math.PI * CUTOFF * k) / (Math.PI * k);
            double hamming = 0.54 - 0.46 * Math.cos(2 * Math.PI * n / (TAPS - 1));
            h[n] = sinc * hamming;
            sum += h[n];
        }
        for (int n = 0; n < TAPS; n++) {
            h[n] /= sum;
        }
        return h;
    }
}
