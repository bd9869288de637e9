package io.github.ser.features;

import java.util.List;

/** Small helpers for assembling feature vectors and their names. */
final class Vectors {
    private Vectors() {
    }

    static double[] concat(double[]... parts) {
        int n = 0;
        for (double[] p : parts) {
            n += p.length;
        }
        double[] out = new double[n];
        int i = 0;
        for (double[] p : parts) {
            System.arraycopy(p, 0, out, i, p.length);
            i += p.length;
        }
        return out;
    }

    /** Adds {@code prefix_00_stat} ... {@code prefix_(n-1)_stat}. */
    static void addIndexed(List<String> names, String prefix, int n, String stat) {
        for (int i = 0; i < n; i++) {
            names.add(String.format("%s_%02d_%s", prefix, i, stat));
        }
    }
}
