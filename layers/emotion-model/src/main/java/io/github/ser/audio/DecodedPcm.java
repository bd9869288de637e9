package io.github.ser.audio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The front of {@link StreamingResampler} for frame-by-frame lossy decoders (MP3, AAC, Opus, Vorbis): averages each
 * decoded frame's channels to mono, as {@link SampleConverter} does, and pushes it on, so these formats share the
 * PCM containers' one mechanism: resampled to the target rate block by block, the duration limit enforced as frames
 * arrive (their headers give no length, or could lie about it), and the lossy expansion bound
 * ({@link HeaderChecks#maxLossyFrames}) checked on every block.
 */
final class DecodedPcm {
    private final int channels;
    private final String format;
    private final StreamingResampler sink;
    private float[] block = new float[0];
    /** Leading frames still to drop (encoder delay / Opus pre-skip), as players do. */
    private long skip;

    DecodedPcm(int sampleRate, int channels, AudioLimits limits, int targetRate, long encodedBytes, String format)
            throws AudioException {
        HeaderChecks.rate(sampleRate, format);
        HeaderChecks.lossyChannels(channels, format);
        this.channels = channels;
        this.format = format;
        this.sink = new StreamingResampler(sampleRate, targetRate, limits,
                HeaderChecks.maxLossyFrames(encodedBytes, sampleRate, channels), 0, format);
    }

    /** Drops the next {@code count} decoded frames (Opus pre-skip), before any reaches the clip. */
    void skipLeading(int count) {
        skip += Math.max(0, count);
    }

    /** Interleaved 16-bit samples, {@code count} frames of {@link #channels} each. */
    void addInterleaved(short[] samples, int count) throws AudioException {
        float[] mono = block(count);
        for (int i = 0; i < count; i++) {
            float sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += samples[i * channels + c] / 32768f;
            }
            mono[i] = channels == 1 ? sum : sum / channels;
        }
        push(count);
    }

    /** Planar float samples (JOrbis): {@code pcm[channel][offset[channel] + i]}. */
    void addPlanar(float[][] pcm, int[] offset, int count) throws AudioException {
        float[] mono = block(count);
        for (int i = 0; i < count; i++) {
            float sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += pcm[c][offset[c] + i];
            }
            mono[i] = channels == 1 ? sum : sum / channels;
        }
        push(count);
    }

    /** {@code count} frames of silence, in place of a frame the decoder could not decode. */
    void addSilence(int count) throws AudioException {
        java.util.Arrays.fill(block(count), 0, count, 0f);
        push(count);
    }

    /** Interleaved 16-bit bytes, as JCodec's decoders give them. */
    void addInterleavedBytes(ByteBuffer pcm16, int channelsInBuffer, boolean bigEndian) throws AudioException {
        if (channelsInBuffer != channels) {
            throw new AudioException(AudioErrorCode.CORRUPT_AUDIO, format + " stream changes its channel count");
        }
        ByteBuffer in = pcm16.order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        int count = in.remaining() / (2 * channels);
        float[] mono = block(count);
        int base = in.position();
        for (int i = 0; i < count; i++) {
            float sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += in.getShort(base + 2 * (i * channels + c)) / 32768f;
            }
            mono[i] = channels == 1 ? sum : sum / channels;
        }
        push(count);
    }

    long frames() {
        return sink.frames();
    }

    AudioClip clip(boolean streamPromisedAudio) throws AudioException {
        HeaderChecks.someFrames(sink.frames(), streamPromisedAudio, format);
        return sink.finish(channels);
    }

    private float[] block(int count) {
        if (block.length < count) {
            block = new float[count];
        }
        return block;
    }

    private void push(int count) throws AudioException {
        int dropped = (int) Math.min(skip, count);
        skip -= dropped;
        sink.push(block, dropped, count - dropped);
    }
}
