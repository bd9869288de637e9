package io.github.ser.features;

import java.util.ArrayList;
import java.util.List;

/** Builds a feature vector and its names side by side, so the two can never drift apart. */
final class NamedVector {
    private final List<String> names = new ArrayList<>();
    private double[] values = new double[256];
    private int size;

    NamedVector add(String name, double value) {
        if (size == values.length) {
            values = java.util.Arrays.copyOf(values, size * 2);
        }
        names.add(name);
        // a degenerate clip must still give the classifier finite numbers
        values[size++] = Double.isFinite(value) ? value : 0.0;
        return this;
    }

    /** Adds {@code prefix_00_stat} ... one per element. */
    NamedVector addAll(String prefix, String stat, double[] v) {
        for (int i = 0; i < v.length; i++) {
            add(String.format("%s_%02d_%s", prefix, i, stat), v[i]);
        }
        return this;
    }

    List<String> names() {
        return List.copyOf(names);
    }

    double[] values() {
        return java.util.Arrays.copyOf(values, size);
    }
}
