package io.github.ser.dsp;

/**
 * Descriptors of a contour (one value per frame: pitch in semitones, level in dB): how it moves, not where it sits.
 */
public final class Contours {

    private Contours() {
    }

    /** Least-squares slope per frame; 0 for fewer than two points. */
    public static double slope(double[] y) {
        int n = y.length;
        if (n < 2) {
            return 0;
        }
        double mx = (n - 1) / 2.0;
        double my = FrameStatistics.mean(y);
        double num = 0;
        double den = 0;
        for (int i = 0; i < n; i++) {
            num += (i - mx) * (y[i] - my);
            den += (i - mx) * (i - mx);
        }
        return num / den;
    }

    /** Mean of |y[i] - y[i-1]|; 0 for fewer than two points. */
    public static double meanAbsDelta(double[] y) {
        double s = 0;
        for (int i = 1; i < y.length; i++) {
            s += Math.abs(y[i] - y[i - 1]);
        }
        return y.length < 2 ? 0 : s / (y.length - 1);
    }

    /** Share of steps that go up: over 0.5 for a rising contour; 0.5 for fewer than two points. */
    public static double risingShare(double[] y) {
        if (y.length < 2) {
            return 0.5;
        }
        int up = 0;
        for (int i = 1; i < y.length; i++) {
            up += y[i] > y[i - 1] ? 1 : 0;
        }
        return up / (double) (y.length - 1);
    }

    /**
     * {@code [first, last]}: the first and last set flag (the utterance without leading and trailing pauses); the
     * whole range's ends when none or one is set.
     */
    public static int[] activeSpan(boolean[] active) {
        int first = 0;
        int last = active.length - 1;
        while (first < last && !active[first]) {
            first++;
        }
        while (last > first && !active[last]) {
            last--;
        }
        return new int[] {first, last};
    }

    /** Centred moving average over ±{@code radius} frames, the window cut at the ends. */
    public static double[] movingAverage(double[] x, int radius) {
        double[] out = new double[x.length];
        for (int t = 0; t < x.length; t++) {
            double sum = 0;
            int n = 0;
            for (int k = Math.max(0, t - radius); k <= Math.min(x.length - 1, t + radius); k++) {
                sum += x[k];
                n++;
            }
            out[t] = sum / n;
        }
        return out;
    }

    /** Whether x[t] is the highest within ±radius and at least {@code depth} above the lowest point on each side. */
    public static boolean isPeak(double[] x, int t, int radius, double depth) {
        double leftMin = x[t];
        double rightMin = x[t];
        for (int k = Math.max(0, t - radius); k <= Math.min(x.length - 1, t + radius); k++) {
            if (x[k] > x[t]) {
                return false;
            }
            if (k < t) {
                leftMin = Math.min(leftMin, x[k]);
            } else {
                rightMin = Math.min(rightMin, x[k]);
            }
        }
        return x[t] - leftMin >= depth && x[t] - rightMin >= depth;
    }
}
