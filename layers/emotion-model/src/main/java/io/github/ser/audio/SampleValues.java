package io.github.ser.audio;

import java.util.Locale;

/**
 * What decoded samples may hold before features are computed on them. Integer PCM always lies in [-1, 1); float
 * WAV and AIFF may hold anything, so:
 * <ul>
 *   <li>NaN or infinity anywhere is {@code corrupt_audio}: no recording contains them, and a single one would
 *       spread through every feature.</li>
 *   <li>Peaks beyond ±1 are legal in float files (mixes and effects go over full scale) and are kept as they are,
 *       not clipped: features are computed on the level-normalised signal anyway. Beyond ±{@value #MAX_PEAK}
 *       (+24 dBFS) the file is not audio scaled to ±1 (raw integers stored as float, garbage) and is
 *       {@code corrupt_audio} too.</li>
 * </ul>
 */
public final class SampleValues {
    /** Largest magnitude accepted: 24 dB over full scale. */
    public static final float MAX_PEAK = 16f;

    private SampleValues() {
    }

    /** @throws AudioException {@code corrupt_audio} for a non-finite sample or a peak beyond {@link #MAX_PEAK} */
    public static void check(float[] samples) throws AudioException {
        for (float s : samples) {
            float magnitude = Math.abs(s);
            if (!(magnitude <= MAX_PEAK)) { // one comparison per sample; NaN fails it too
                throw Float.isFinite(magnitude)
                        ? new AudioException(AudioErrorCode.CORRUPT_AUDIO, String.format(Locale.ROOT,
                                "audio peaks at %.3g, beyond ±%.0f (+24 dBFS): float samples must be scaled to ±1",
                                magnitude, MAX_PEAK))
                        : new AudioException(AudioErrorCode.CORRUPT_AUDIO,
                                "audio holds samples that are not numbers (NaN or infinity)");
            }
        }
    }
}
