package io.github.ser.dsp;

/** Power to decibels, as librosa.power_to_db. */
public final class Decibels {
    private static final double AMIN = 1e-10;
    private static final double TOP_DB = 80.0;
    private static final int FRAMES_PER_LOG = 32;

    private Decibels() {
    }

    /**
     * {@code 10 log10(max(amin, S) / max(amin, ref))}, then floored at {@code max - topDb} over the whole
     * matrix (pass {@code Double.NaN} for no floor). Returns a new matrix.
     */
    public static double[][] powerToDb(double[][] power, double ref, double amin, double topDb) {
        double refDb = 10 * Math.log10(Math.max(amin, ref));
        double[][] out = new double[power.length][];
        double max = Double.NEGATIVE_INFINITY;
        for (int t = 0; t < power.length; t++) {
            out[t] = new double[power[t].length];
            for (int k = 0; k < power[t].length; k++) {
                double db = 10 * Math.log10(Math.max(amin, power[t][k])) - refDb;
                out[t][k] = db;
                max = Math.max(max, db);
            }
        }
        if (!Double.isNaN(topDb)) {
            double floor = max - topDb;
            for (double[] row : out) {
                for (int k = 0; k < row.length; k++) {
                    row[k] = Math.max(row[k], floor);
                }
            }
        }
        return out;
    }

    /** {@code 10 log10(a / b)} with both floored at 1e-12, for level ratios between bands. */
    public static double ratio(double a, double b) {
        return 10 * Math.log10(Math.max(a, 1e-12) / Math.max(b, 1e-12));
    }

    /** librosa's defaults: ref=1, amin=1e-10, top_db=80. */
    public static double[][] powerToDb(double[][] power) {
        return powerToDb(power, 1.0, AMIN, TOP_DB);
    }

    /**
     * The frame mean of {@link #powerToDb(double[][])}, {@code [frame][bin]} → {@code [bin]}, with one logarithm per
     * {@value #FRAMES_PER_LOG} frames instead of one per value (the seed recipe's largest cost after the FFT): a sum
     * of logarithms is the logarithm of a product. Each floored power is first divided by the largest, which puts
     * it in [1e-8, 1] (the top-dB floor), so a product of 32 stays above 1e-256 whatever the signal's scale.
     * Equal to the matrix version to about 1e-12 dB.
     */
    public static double[] meanPowerToDb(double[][] power) {
        int bins = power.length == 0 ? 0 : power[0].length;
        double max = AMIN;
        for (double[] frame : power) {
            for (double v : frame) {
                max = Math.max(max, v);
            }
        }
        double floor = Math.max(AMIN, max * Math.pow(10, -TOP_DB / 10));
        double scale = 1 / max;
        double[] logSum = new double[bins];
        double[] product = new double[bins];
        for (int t0 = 0; t0 < power.length; t0 += FRAMES_PER_LOG) {
            java.util.Arrays.fill(product, 1.0);
            for (int t = t0; t < Math.min(power.length, t0 + FRAMES_PER_LOG); t++) {
                double[] frame = power[t];
                for (int k = 0; k < bins; k++) {
                    product[k] *= Math.max(frame[k], floor) * scale;
                }
            }
            for (int k = 0; k < bins; k++) {
                logSum[k] += Math.log10(product[k]);
            }
        }
        double[] mean = new double[bins];
        for (int k = 0; k < bins; k++) {
            mean[k] = 10 * (Math.log10(max) + logSum[k] / power.length);
        }
        return mean;
    }
}
