package io.github.ser.model;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The label vocabulary: lowercase RAVDESS names everywhere, whatever corpus a clip came from. */
public final class Emotions {

    /** RAVDESS order (emotion codes 01..08); models list their labels in this order. */
    public static final List<String> ALL =
            List.of("neutral", "calm", "happy", "sad", "angry", "fearful", "disgust", "surprised");

    /** Other corpora's spellings: TESS ({@code fear}, {@code ps}), nEMO ({@code anger}, {@code happiness}, ...). */
    private static final Map<String, String> ALIASES = Map.of(
            "fear", "fearful",
            "anger", "angry",
            "happiness", "happy",
            "sadness", "sad",
            "ps", "surprised",
            "surprise", "surprised",
            "pleasant_surprise", "surprised",
            "pleasant_surprised", "surprised");

    private Emotions() {
    }

    /** Maps corpus spellings (TESS's {@code fear}, {@code ps}) to the canonical label, if it is one. */
    public static Optional<String> canonical(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        String mapped = ALIASES.getOrDefault(lower, lower);
        return ALL.contains(mapped) ? Optional.of(mapped) : Optional.empty();
    }

    /** The labels of {@code present} in canonical order. */
    public static List<String> ordered(Collection<String> present) {
        return ALL.stream().filter(present::contains).toList();
    }
}
