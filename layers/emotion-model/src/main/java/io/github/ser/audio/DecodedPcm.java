package io.github.ser.audio;

import java.util.Arrays;
import java.util.Locale;

/**
 * Collects the output of a frame-by-frame decoder (MP3, AAC, Opus, Vorbis) as mono float32, averaging channels in
 * the same way as {@link SampleConverter}. The duration limit is enforced as frames arrive, for containers whose
 * header gives no length (or could lie about it): decoding stops at the first frame past the limit.
 */
final class DecodedPcm {
    private final int sampleRate;
    private final int channels;
    private final long maxFrames;
    private final AudioLimits limits;
    private final String format;
    private float[] mono = new float[1 << 16];
    private int frames;

    DecodedPcm(int sampleRate, int channels, AudioLimits limits, String format) throws AudioException {
        HeaderChecks.rate(sampleRate, format);
        HeaderChecks.channels(channels, format);
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.limits = limits;
        this.format = format;
        this.maxFrames = (long) Math.floor(limits.maxDurationSeconds() * sampleRate);
    }

    /** Interleaved 16-bit samples, {@code count} frames of {@link #channels} each. */
    void addInterleaved(short[] samples, int count) throws AudioException {
        int at = reserve(count);
        for (int i = 0; i < count; i++) {
            float sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += samples[i * channels + c] / 32768f;
            }
            mono[at + i] = channels == 1 ? sum : sum / channels;
        }
    }

    /** Planar float samples (JOrbis): {@code pcm[channel][offset[channel] + i]}. */
    void addPlanar(float[][] pcm, int[] offset, int count) throws AudioException {
        int at = reserve(count);
        for (int i = 0; i < count; i++) {
            float sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += pcm[c][offset[c] + i];
            }
            mono[at + i] = channels == 1 ? sum : sum / channels;
        }
    }

    /** Interleaved 16-bit bytes, as JCodec's decoders give them. */
    void addInterleavedBytes(java.nio.ByteBuffer pcm16, int channelsInBuffer, boolean bigEndian) throws AudioException {
        if (channelsInBuffer != channels) {
            throw new AudioException(AudioErrorCode.CORRUPT_AUDIO, format + " stream changes its channel count");
        }
        java.nio.ByteBuffer le = pcm16.order(bigEndian ? java.nio.ByteOrder.BIG_ENDIAN : java.nio.ByteOrder.LITTLE_ENDIAN);
        int count = le.remaining() / (2 * channels);
        int at = reserve(count);
        int base = le.position();
        for (int i = 0; i < count; i++) {
            float sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += le.getShort(base + 2 * (i * channels + c)) / 32768f;
            }
            mono[at + i] = channels == 1 ? sum : sum / channels;
        }
    }

    int frames() {
        return frames;
    }

    AudioClip clip(boolean streamPromisedAudio) throws AudioException {
        HeaderChecks.someFrames(frames, streamPromisedAudio, format);
        return new AudioClip(Arrays.copyOf(mono, frames), sampleRate, channels, format);
    }

    /** Drops {@code count} leading frames (encoder delay / Opus pre-skip), as players do. */
    void dropLeading(int count) {
        int drop = Math.min(count, frames);
        System.arraycopy(mono, drop, mono, 0, frames - drop);
        frames -= drop;
    }

    private int reserve(int count) throws AudioException {
        if (frames + (long) count > maxFrames) {
            throw new AudioException(AudioErrorCode.TOO_LONG, String.format(Locale.ROOT,
                    "%s clip lasts more than %.1f s, the limit", format, limits.maxDurationSeconds()));
        }
        if (frames + count > mono.length) {
            mono = Arrays.copyOf(mono, Math.max(mono.length * 2, frames + count));
        }
        int at = frames;
        frames += count;
        return at;
    }
}
