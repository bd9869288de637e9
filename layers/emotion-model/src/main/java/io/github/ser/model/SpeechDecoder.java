package io.github.ser.model;

import io.github.ser.audio.AudioClip;
import io.github.ser.audio.AudioDecoder;
import io.github.ser.audio.AudioException;
import io.github.ser.audio.AudioLimits;
import io.github.ser.audio.Resampler;

/**
 * Bytes to what every feature set is computed on: mono at {@link #SAMPLE_RATE}. The one path shared by training,
 * evaluation and serving, so a clip is seen the same way by all of them.
 */
public final class SpeechDecoder {

    /** The rate models are trained and served at. */
    public static final int SAMPLE_RATE = 16_000;

    private final AudioDecoder decoder;

    public SpeechDecoder(AudioLimits limits) {
        this.decoder = new AudioDecoder(limits);
    }

    /** @return a mono clip at {@link #SAMPLE_RATE}, keeping the source's channel count and format for reference */
    public AudioClip decode(byte[] bytes) throws AudioException {
        return decoder.decode(bytes, SAMPLE_RATE);
    }

    /** The same clip at {@link #SAMPLE_RATE} (itself if it already is). */
    public static AudioClip toModelRate(AudioClip clip) {
        if (clip.sampleRate() == SAMPLE_RATE) {
            return clip;
        }
        float[] resampled = Resampler.resample(clip.samples(), clip.sampleRate(), SAMPLE_RATE);
        return new AudioClip(resampled, SAMPLE_RATE, clip.channels(), clip.format());
    }
}
