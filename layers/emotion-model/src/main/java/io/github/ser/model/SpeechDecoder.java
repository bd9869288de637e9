package io.github.ser.model;

import io.github.ser.audio.AudioClip;
import io.github.ser.audio.AudioDecoder;
import io.github.ser.audio.AudioException;
import io.github.ser.audio.AudioLimits;
import io.github.ser.audio.Resampler;

/**
 * Bytes to what a feature set is computed on: mono at the rate the feature set asks for
 * ({@link io.github.ser.features.FeatureSet#sampleRate()}). The one path shared by training, evaluation and serving,
 * so a clip is seen the same way by all of them.
 */
public final class SpeechDecoder {

    private final AudioDecoder decoder;
    private final int sampleRate;

    public SpeechDecoder(AudioLimits limits, int sampleRate) {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive, not " + sampleRate);
        }
        this.decoder = new AudioDecoder(limits);
        this.sampleRate = sampleRate;
    }

    /**
     * @return a mono clip at {@link #sampleRate()}, resampled while decoding (so the cost follows the duration at the
     *         model's rate, not the input's), keeping the source's channel count and format for reference
     */
    public AudioClip decode(byte[] bytes) throws AudioException {
        return decoder.decode(bytes, sampleRate);
    }

    /** The same clip at {@link #sampleRate()} (itself if it already is). */
    public AudioClip toModelRate(AudioClip clip) {
        if (clip.sampleRate() == sampleRate) {
            return clip;
        }
        float[] resampled = Resampler.resample(clip.samples(), clip.sampleRate(), sampleRate);
        return new AudioClip(resampled, sampleRate, clip.channels(), clip.format());
    }

    public int sampleRate() {
        return sampleRate;
    }
}
