package io.github.ser.dsp;

import java.util.Arrays;

/** Per-column statistics over the frames of a {@code [frame][column]} matrix: how a feature summarises a clip. */
public final class FrameStatistics {
    private FrameStatistics() {
    }

    /** Mean of a series (0 for an empty one). */
    public static double mean(double[] x) {
        double sum = 0;
        for (double v : x) {
            sum += v;
        }
        return x.length == 0 ? 0 : sum / x.length;
    }

    /** Population standard deviation of a series (0 for an empty one). */
    public static double std(double[] x) {
        double m = mean(x);
        double sum = 0;
        for (double v : x) {
            sum += (v - m) * (v - m);
        }
        return x.length == 0 ? 0 : Math.sqrt(sum / x.length);
    }

    public static double[] mean(double[][] frames) {
        int columns = frames[0].length;
        double[] sum = new double[columns];
        for (double[] frame : frames) {
            for (int c = 0; c < columns; c++) {
                sum[c] += frame[c];
            }
        }
        for (int c = 0; c < columns; c++) {
            sum[c] /= frames.length;
        }
        return sum;
    }

    /** Population standard deviation (numpy's default ddof=0). */
    public static double[] std(double[][] frames) {
        double[] mean = mean(frames);
        double[] var = new double[mean.length];
        for (double[] frame : frames) {
            for (int c = 0; c < mean.length; c++) {
                double d = frame[c] - mean[c];
                var[c] += d * d;
            }
        }
        for (int c = 0; c < var.length; c++) {
            var[c] = Math.sqrt(var[c] / frames.length);
        }
        return var;
    }

    /** Linear-interpolated percentiles (numpy's default method), {@code [percentile][column]}. */
    public static double[][] percentiles(double[][] frames, double... percents) {
        int columns = frames[0].length;
        double[][] out = new double[percents.length][columns];
        double[] column = new double[frames.length];
        for (int c = 0; c < columns; c++) {
            for (int t = 0; t < frames.length; t++) {
                column[t] = frames[t][c];
            }
            Arrays.sort(column);
            for (int p = 0; p < percents.length; p++) {
                out[p][c] = sortedPercentile(column, percents[p]);
            }
        }
        return out;
    }

    /**
     * numpy.median of a non-empty series, by selection rather than a sort: expected linear time (Wirth's
     * partitioning; a sort takes over after 64 rounds, so no ordering of the input makes it quadratic).
     */
    public static double median(double[] values) {
        double[] a = values.clone();
        int mid = a.length / 2;
        double upper = select(a, mid);
        if (a.length % 2 == 1) {
            return upper;
        }
        double lower = a[0];
        for (int i = 1; i < mid; i++) {
            lower = Math.max(lower, a[i]);
        }
        return 0.5 * (lower + upper);
    }

    /** Rearranges {@code a} so that {@code a[k]} is its k-th smallest value, none larger before it. */
    private static double select(double[] a, int k) {
        int lo = 0;
        int hi = a.length - 1;
        for (int round = 0; lo < hi; round++) {
            if (round == 64) {
                Arrays.sort(a, lo, hi + 1);
                break;
            }
            double pivot = a[(lo + hi) >>> 1];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (pivot < a[j]) {
                    j--;
                }
                if (i <= j) {
                    double swap = a[i];
                    a[i++] = a[j];
                    a[j--] = swap;
                }
            }
            if (j < k) {
                lo = i;
            }
            if (k < i) {
                hi = j;
            }
        }
        return a[k];
    }

    public static double sortedPercentile(double[] sorted, double percent) {
        double pos = percent / 100.0 * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }


    /** Frames 0, n, 2n, ... of a series: a frame-synchronous series on a grid n times coarser. */
    public static double[] everyNth(double[] x, int n) {
        double[] out = new double[(x.length + n - 1) / n];
        for (int j = 0; j < out.length; j++) {
            out[j] = x[j * n];
        }
        return out;
    }

    /** Frames 0, n, 2n, ... of a flag series. */
    public static boolean[] everyNth(boolean[] x, int n) {
        boolean[] out = new boolean[(x.length + n - 1) / n];
        for (int j = 0; j < out.length; j++) {
            out[j] = x[j * n];
        }
        return out;
    }

    /** The inverse step: each value held for {@code n} frames, {@code length} frames in all (0 past the end). */
    public static double[] repeatEach(double[] x, int n, int length) {
        double[] out = new double[length];
        for (int t = 0; t < length && t / n < x.length; t++) {
            out[t] = x[t / n];
        }
        return out;
    }
    /** Keeps only the values whose flag is set (flags past the end count as unset). */
    public static double[] select(double[] x, boolean[] keep) {
        double[] out = new double[x.length];
        int n = 0;
        for (int t = 0; t < x.length && t < keep.length; t++) {
            if (keep[t]) {
                out[n++] = x[t];
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** Each column minus its mean over the frames (cepstral mean normalisation when the columns are cepstra). */
    public static double[][] subtractMean(double[][] frames) {
        double[] mean = mean(frames);
        double[][] out = new double[frames.length][];
        for (int t = 0; t < frames.length; t++) {
            out[t] = new double[mean.length];
            for (int c = 0; c < mean.length; c++) {
                out[t][c] = frames[t][c] - mean[c];
            }
        }
        return out;
    }

    /** Keeps only the frames whose flag is set. */
    public static double[][] select(double[][] frames, boolean[] keep) {
        int n = 0;
        for (boolean k : keep) {
            n += k ? 1 : 0;
        }
        double[][] out = new double[n][];
        int j = 0;
        for (int t = 0; t < frames.length; t++) {
            if (keep[t]) {
                out[j++] = frames[t];
            }
        }
        return out;
    }

    /**
     * Regression deltas over ±{@code width} frames, edges handled by repeating the end frames
     * (librosa.feature.delta with mode='nearest' uses a Savitzky-Golay filter of the same slope).
     */
    public static double[][] delta(double[][] frames, int width) {
        int n = frames.length;
        int columns = n == 0 ? 0 : frames[0].length;
        double denom = 0;
        for (int k = 1; k <= width; k++) {
            denom += 2.0 * k * k;
        }
        double[][] out = new double[n][columns];
        for (int t = 0; t < n; t++) {
            for (int k = 1; k <= width; k++) {
                double[] ahead = frames[Math.min(n - 1, t + k)];
                double[] behind = frames[Math.max(0, t - k)];
                for (int c = 0; c < columns; c++) {
                    out[t][c] += k * (ahead[c] - behind[c]);
                }
            }
            for (int c = 0; c < columns; c++) {
                out[t][c] /= denom;
            }
        }
        return out;
    }
}
