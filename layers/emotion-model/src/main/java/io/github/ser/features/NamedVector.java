package io.github.ser.features;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds a feature vector and its names side by side, so the two can never drift apart. Names are only
 * recorded when asked for: formatting hundreds of them per clip would cost more than some DSP steps.
 */
final class NamedVector {
    private final List<String> names;
    private double[] values = new double[256];
    private int size;

    private NamedVector(boolean recordNames) {
        this.names = recordNames ? new ArrayList<>() : null;
    }

    /** For {@link FeatureSet#names()}: values and names. */
    static NamedVector withNames() {
        return new NamedVector(true);
    }

    /** For {@link FeatureSet#extract}: values only. */
    static NamedVector valuesOnly() {
        return new NamedVector(false);
    }

    NamedVector add(String name, double value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        if (names != null) {
            names.add(name);
        }
        // a degenerate clip must still give the classifier finite numbers
        values[size++] = Double.isFinite(value) ? value : 0.0;
        return this;
    }

    /** Adds {@code prefix_00_stat} ... one per element. */
    NamedVector addAll(String prefix, String stat, double[] v) {
        for (int i = 0; i < v.length; i++) {
            add(names == null ? null : String.format("%s_%02d_%s", prefix, i, stat), v[i]);
        }
        return this;
    }

    List<String> names() {
        if (names == null) {
            throw new IllegalStateException("built without names");
        }
        return List.copyOf(names);
    }

    double[] values() {
        return Arrays.copyOf(values, size);
    }
}
