package io.github.ser.features;

import java.util.List;

/**
 * The feature sets a model can be trained on, by name and version. New models use the shipped model's version;
 * older versions stay so that models trained on them still load.
 */
public final class FeatureSets {
    /**
     * The shipped model's feature set, what {@code default} and a bare {@code speech} name. Not the newest version:
     * v4 (noise subtracted) was compared and did not transfer better (docs/accuracy.md).
     */
    public static final String DEFAULT = SpeechFeatureSet.NAME + ":" + SpeechFeatureSet.NARROWBAND_VERSION;

    private FeatureSets() {
    }

    /** Names as the CLI takes them: {@code name} for the shipped model's version, {@code name:version} for another. */
    public static List<String> names() {
        return List.of(SeedFeatureSet.NAME, SpeechFeatureSet.NAME, SpeechFeatureSet.NAME + ":1",
                SpeechFeatureSet.NAME + ":2", SpeechFeatureSet.NAME + ":3", SpeechFeatureSet.NAME + ":4");
    }

    /** The shipped version of {@code name}, or {@code name:version}; {@code default} is {@link #DEFAULT}. */
    public static FeatureSet byName(String name) {
        if ("default".equals(name) || SpeechFeatureSet.NAME.equals(name)) {
            return byName(DEFAULT);
        }
        int colon = name.indexOf(':');
        if (colon > 0) {
            try {
                return byName(name.substring(0, colon), Integer.parseInt(name.substring(colon + 1)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("unknown feature set '" + name + "'; known: " + names());
            }
        }
        if (SeedFeatureSet.NAME.equals(name)) {
            return new SeedFeatureSet();
        }
        throw new IllegalArgumentException("unknown feature set '" + name + "'; known: " + names());
    }

    /** A given version (a new instance; feature sets are thread-safe, but cheap enough to create per use). */
    public static FeatureSet byName(String name, int version) {
        FeatureSet set = switch (name + ":" + version) {
            case SpeechFeatureSet.NAME + ":1" -> new SpeechFeatureSet(SpeechFeatureSet.WIDEBAND);
            case RobustSpeechFeatureSet.NAME + ":" + RobustSpeechFeatureSet.VERSION -> new RobustSpeechFeatureSet();
            case SpeechFeatureSet.NAME + ":" + SpeechFeatureSet.NARROWBAND_VERSION ->
                    new SpeechFeatureSet(SpeechFeatureSet.NARROWBAND);
            case SpeechFeatureSet.NAME + ":" + SpeechFeatureSet.NARROWBAND_DENOISED_VERSION ->
                    new SpeechFeatureSet(SpeechFeatureSet.NARROWBAND_DENOISED);
            default -> byName(name);
        };
        if (set.version() != version) {
            throw new IllegalArgumentException("feature set '" + name + "' has no version " + version + "; known: "
                    + names());
        }
        return set;
    }

    public static FeatureSet defaultSet() {
        return byName(DEFAULT);
    }
}
