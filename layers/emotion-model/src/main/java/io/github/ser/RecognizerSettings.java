package io.github.ser;

import io.github.ser.audio.AudioLimits;
import io.github.ser.features.SegmenterSettings;

/**
 * How {@link EmotionRecognizer} treats a clip before the model sees it.
 *
 * @param limits             what the decoder accepts (size, duration)
 * @param segmenter          when and how long clips are split at pauses
 * @param minDurationSeconds shorter clips are rejected as {@code too_short}
 * @param silenceDbfs        clips whose loudest 25 ms frame has an RMS below this level are rejected as
 *                           {@code silent}
 */
public record RecognizerSettings(AudioLimits limits, SegmenterSettings segmenter, double minDurationSeconds,
                                 double silenceDbfs) {

    public static final double DEFAULT_MIN_DURATION_SECONDS = 0.25;
    public static final double DEFAULT_SILENCE_DBFS = -60;

    public RecognizerSettings {
        if (limits == null || segmenter == null) {
            throw new IllegalArgumentException("limits and segmenter settings are required");
        }
        if (!(minDurationSeconds >= 0) || !(silenceDbfs <= 0)) {
            throw new IllegalArgumentException("minDurationSeconds must be >= 0 and silenceDbfs <= 0");
        }
    }

    public RecognizerSettings(AudioLimits limits, SegmenterSettings segmenter) {
        this(limits, segmenter, DEFAULT_MIN_DURATION_SECONDS, DEFAULT_SILENCE_DBFS);
    }

    public static RecognizerSettings defaults() {
        return new RecognizerSettings(AudioLimits.defaults(), SegmenterSettings.defaults());
    }
}
