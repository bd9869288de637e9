package io.github.ser.audio;

/**
 * Decoded mono audio: samples in [-1, 1) as float32 (int16 / 32768 for 16-bit input, like soundfile),
 * channels already averaged.
 *
 * @param samples    mono samples
 * @param sampleRate samples per second
 * @param channels   channel count of the source, before the downmix
 * @param format     the container detected from the bytes: "wav", "aiff", "flac", "mp3", "m4a", "ogg" or "webm"
 */
public record AudioClip(float[] samples, int sampleRate, int channels, String format) {
    public double durationSeconds() {
        return samples.length / (double) sampleRate;
    }
}
