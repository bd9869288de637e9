package io.github.ser.audio;

/**
 * What the decoder accepts. Checked from the header before any sample is decoded, so a lying or huge
 * file fails fast instead of exhausting memory.
 *
 * @param maxBytes           largest encoded input
 * @param maxDurationSeconds longest clip
 */
public record AudioLimits(long maxBytes, double maxDurationSeconds) {
    public static final long DEFAULT_MAX_BYTES = 200L * 1024 * 1024;
    public static final double DEFAULT_MAX_DURATION_SECONDS = 600;

    public AudioLimits {
        if (maxBytes <= 0 || maxDurationSeconds <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    public static AudioLimits defaults() {
        return new AudioLimits(DEFAULT_MAX_BYTES, DEFAULT_MAX_DURATION_SECONDS);
    }
}
