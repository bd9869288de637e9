package io.github.ser.features;

import java.util.List;

/** The feature sets a model can be trained on, by name. */
public final class FeatureSets {
    public static final String DEFAULT = SpeechFeatureSet.NAME;

    private FeatureSets() {
    }

    public static List<String> names() {
        return List.of(SeedFeatureSet.NAME, SpeechFeatureSet.NAME);
    }

    /** A new instance (feature sets are thread-safe, but cheap enough to create per use). */
    public static FeatureSet byName(String name) {
        return switch (name) {
            case SeedFeatureSet.NAME -> new SeedFeatureSet();
            case SpeechFeatureSet.NAME -> new SpeechFeatureSet();
            default -> throw new IllegalArgumentException("unknown feature set '" + name + "'; known: " + names());
        };
    }

    public static FeatureSet defaultSet() {
        return byName(DEFAULT);
    }
}
