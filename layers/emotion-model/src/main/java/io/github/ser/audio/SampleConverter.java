package io.github.ser.audio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Turns PCM into mono float32 the way soundfile + librosa do: each sample scaled by a power of two (so 16-bit
 * input is exactly s / 32768f), then the channels summed in channel order and divided by their count, in float32.
 * The golden librosa figures depend on both details.
 */
final class SampleConverter {
    private static final float SCALE_8 = 1f / 128f;
    private static final float SCALE_16 = 1f / 32768f;
    private static final float SCALE_24 = 1f / 8388608f;
    private static final float SCALE_32 = 1f / 2147483648f;

    private SampleConverter() {
    }

    /** Frames converted per block: the source-rate samples held at once. */
    private static final int BLOCK_FRAMES = 1 << 16;

    /** Converts the layout's frames block by block into {@code sink}; the caller has checked they lie inside {@code bytes}. */
    static void toMono(byte[] bytes, PcmLayout layout, StreamingResampler sink) throws AudioException {
        float[] block = new float[Math.min(BLOCK_FRAMES, layout.frames())];
        for (int done = 0; done < layout.frames(); done += block.length) {
            int n = Math.min(block.length, layout.frames() - done);
            PcmLayout part = new PcmLayout(layout.encoding(), layout.order(), layout.channels(), layout.sampleRate(),
                    layout.dataOffset() + done * layout.frameBytes(), n);
            java.util.Arrays.fill(block, 0f);
            toMono(bytes, part, block);
            sink.push(block, 0, n);
        }
    }

    /** Mono samples of the layout's frames into {@code mono} (zeroed, at least that long). */
    private static void toMono(byte[] bytes, PcmLayout layout, float[] mono) {
        int width = layout.encoding().bytes();
        for (int channel = 0; channel < layout.channels(); channel++) {
            addChannel(bytes, layout, layout.dataOffset() + channel * width, mono);
        }
        divide(mono, 0, layout.frames(), layout.channels());
    }

    /** Mono samples from integer channels of {@code bits} significant bits (decoded FLAC). */
    static void mixInto(float[] mono, int offset, int[][] channels, int channelCount, int frames, int bits) {
        float scale = Math.scalb(1f, 1 - bits);
        int[] first = channels[0];
        for (int i = 0; i < frames; i++) {
            mono[offset + i] = first[i] * scale;
        }
        for (int channel = 1; channel < channelCount; channel++) {
            int[] samples = channels[channel];
            for (int i = 0; i < frames; i++) {
                mono[offset + i] += samples[i] * scale;
            }
        }
        divide(mono, offset, frames, channelCount);
    }

    private static void divide(float[] mono, int offset, int frames, int channels) {
        if (channels > 1) {
            for (int i = offset; i < offset + frames; i++) {
                mono[i] /= channels;
            }
        }
    }

    /** Adds one channel's samples to {@code mono}: one tight loop per encoding, since this runs on every sample. */
    private static void addChannel(byte[] b, PcmLayout layout, int start, float[] mono) {
        ByteBuffer buffer = ByteBuffer.wrap(b).order(layout.order());
        boolean bigEndian = layout.order() == ByteOrder.BIG_ENDIAN;
        int stride = layout.frameBytes();
        int n = layout.frames();
        switch (layout.encoding()) {
            case UNSIGNED_8 -> {
                for (int i = 0, p = start; i < n; i++, p += stride) {
                    mono[i] += ((b[p] & 0xff) - 128) * SCALE_8;
                }
            }
            case SIGNED_8 -> {
                for (int i = 0, p = start; i < n; i++, p += stride) {
                    mono[i] += b[p] * SCALE_8;
                }
            }
            case SIGNED_16 -> {
                for (int i = 0, p = start; i < n; i++, p += stride) {
                    mono[i] += buffer.getShort(p) * SCALE_16;
                }
            }
            case SIGNED_24 -> {
                int high = bigEndian ? 0 : 2;
                int low = 2 - high;
                for (int i = 0, p = start; i < n; i++, p += stride) {
                    mono[i] += ((b[p + high] << 16) | ((b[p + 1] & 0xff) << 8) | (b[p + low] & 0xff)) * SCALE_24;
                }
            }
            case SIGNED_32 -> {
                for (int i = 0, p = start; i < n; i++, p += stride) {
                    mono[i] += buffer.getInt(p) * SCALE_32;
                }
            }
            case FLOAT_32 -> {
                for (int i = 0, p = start; i < n; i++, p += stride) {
                    mono[i] += buffer.getFloat(p);
                }
            }
            case FLOAT_64 -> {
                for (int i = 0, p = start; i < n; i++, p += stride) {
                    mono[i] += (float) buffer.getDouble(p);
                }
            }
            case MU_LAW, A_LAW -> {
                float[] table = layout.encoding() == SampleEncoding.MU_LAW ? G711.MU_LAW : G711.A_LAW;
                for (int i = 0, p = start; i < n; i++, p += stride) {
                    mono[i] += table[b[p] & 0xff];
                }
            }
        }
    }
}
