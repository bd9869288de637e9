package io.github.ser.dsp;

/** Power to decibels, as librosa.power_to_db. */
public final class Decibels {
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
        return powerToDb(power, 1.0, 1e-10, 80.0);
    }
}
