package io.github.ser.audio;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Builds small WAV, AIFF and FLAC files byte by byte, so each format detail can be tested on its own. */
final class TestFiles {
    private TestFiles() {
    }

    /** One RIFF/IFF chunk; {@code declaredSize} may lie about the body length. */
    record Chunk(String id, byte[] body, long declaredSize, boolean padded) {
        static Chunk of(String id, byte[] body) {
            return new Chunk(id, body, body.length, true);
        }

        Chunk declaring(long size) {
            return new Chunk(id, body, size, padded);
        }

        Chunk withoutPadByte() {
            return new Chunk(id, body, declaredSize, false);
        }
    }

    // ---- WAV ----

    static byte[] wav(Chunk... chunks) {
        return container("RIFF", "WAVE", ByteOrder.LITTLE_ENDIAN, chunks);
    }

    static Chunk fmt(int tag, int channels, int rate, int bits) {
        return fmt(tag, channels, rate, bits, ByteOrder.LITTLE_ENDIAN);
    }

    static Chunk fmt(int tag, int channels, int rate, int bits, ByteOrder order) {
        int blockAlign = channels * ((bits + 7) / 8);
        ByteBuffer b = ByteBuffer.allocate(16).order(order);
        b.putShort((short) tag).putShort((short) channels).putInt(rate).putInt(rate * blockAlign)
                .putShort((short) blockAlign).putShort((short) bits);
        return Chunk.of("fmt ", b.array());
    }

    /** WAVE_FORMAT_EXTENSIBLE with the standard PCM / IEEE-float sub-format GUID. */
    static Chunk fmtExtensible(int subFormat, int channels, int rate, int bits) {
        int blockAlign = channels * ((bits + 7) / 8);
        ByteBuffer b = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 0xFFFE).putShort((short) channels).putInt(rate).putInt(rate * blockAlign)
                .putShort((short) blockAlign).putShort((short) bits).putShort((short) 22).putShort((short) bits)
                .putInt((1 << channels) - 1).putInt(subFormat)
                .put(new byte[] {0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00, 0x00, (byte) 0xAA, 0x00, 0x38,
                        (byte) 0x9B, 0x71});
        return Chunk.of("fmt ", b.array());
    }

    static Chunk data(byte[] samples) {
        return Chunk.of("data", samples);
    }

    // ---- AIFF ----

    static byte[] aiff(Chunk... chunks) {
        return container("FORM", "AIFF", ByteOrder.BIG_ENDIAN, chunks);
    }

    static byte[] aifc(Chunk... chunks) {
        return container("FORM", "AIFC", ByteOrder.BIG_ENDIAN, chunks);
    }

    static Chunk comm(int channels, long frames, int bits, double rate) {
        ByteBuffer b = ByteBuffer.allocate(18).order(ByteOrder.BIG_ENDIAN);
        b.putShort((short) channels).putInt((int) frames).putShort((short) bits).put(extended(rate));
        return Chunk.of("COMM", b.array());
    }

    static Chunk commC(int channels, long frames, int bits, double rate, String compression) {
        ByteBuffer b = ByteBuffer.allocate(24).order(ByteOrder.BIG_ENDIAN);
        b.putShort((short) channels).putInt((int) frames).putShort((short) bits).put(extended(rate))
                .put(ascii(compression)).put((byte) 0).put((byte) 0); // empty pascal-string name, padded
        return Chunk.of("COMM", b.array());
    }

    static Chunk ssnd(byte[] samples) {
        return Chunk.of("SSND", concat(new byte[8], samples));
    }

    /** 80-bit IEEE extended, as AIFF stores its sample rate. */
    static byte[] extended(double value) {
        int exponent = Math.getExponent(value);
        long mantissa = (long) Math.scalb(value, 62 - exponent) << 1; // explicit integer bit on top
        return ByteBuffer.allocate(10).putShort((short) (exponent + 16383)).putLong(mantissa).array();
    }

    // ---- samples ----

    /** Integer samples in {@code bytes} bytes each; 8-bit WAV stores them offset by 128 (unsigned). */
    static byte[] pcm(int[] interleaved, int bytes, ByteOrder order, boolean unsigned8) {
        ByteBuffer b = ByteBuffer.allocate(interleaved.length * bytes).order(order);
        for (int s : interleaved) {
            switch (bytes) {
                case 1 -> b.put((byte) (unsigned8 ? s + 128 : s));
                case 2 -> b.putShort((short) s);
                case 3 -> {
                    byte[] three = {(byte) s, (byte) (s >> 8), (byte) (s >> 16)};
                    if (order == ByteOrder.BIG_ENDIAN) {
                        b.put(three[2]).put(three[1]).put(three[0]);
                    } else {
                        b.put(three);
                    }
                }
                case 4 -> b.putInt(s);
                default -> throw new IllegalArgumentException();
            }
        }
        return b.array();
    }

    static byte[] floats(double[] interleaved, int bytes, ByteOrder order) {
        ByteBuffer b = ByteBuffer.allocate(interleaved.length * bytes).order(order);
        for (double s : interleaved) {
            if (bytes == 4) {
                b.putFloat((float) s);
            } else {
                b.putDouble(s);
            }
        }
        return b.array();
    }

    // ---- FLAC: verbatim and constant subframes, wasted bits and every stereo decorrelation mode ----

    /** Independent channels (assignment 0..7). */
    static final int INDEPENDENT = -1;
    static final int LEFT_SIDE = 8;
    static final int SIDE_RIGHT = 9;
    static final int MID_SIDE = 10;

    /** A FLAC stream of {@code channels[c][i]} samples; without writeTotal STREAMINFO says "length unknown". */
    static byte[] flac(int[][] channels, int rate, int bits, int blockSize, boolean writeTotal) {
        return flac(channels, rate, bits, blockSize, writeTotal, INDEPENDENT);
    }

    static byte[] flac(int[][] channels, int rate, int bits, int blockSize, boolean writeTotal, int stereoMode) {
        int frames = channels[0].length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ascii("fLaC"));
        out.writeBytes(streamInfo(rate, channels.length, bits, writeTotal ? frames : 0, blockSize, true));
        int frameNumber = 0;
        for (int start = 0; start < frames; start += blockSize) {
            int count = Math.min(blockSize, frames - start);
            out.writeBytes(flacFrame(channels, start, count, bits, frameNumber++, stereoMode));
        }
        return out.toByteArray();
    }

    static byte[] streamInfo(int rate, int channels, int bits, long total, int blockSize, boolean last) {
        BitWriter w = new BitWriter();
        w.write(last ? 1 : 0, 1).write(0, 7).write(34, 24);
        w.write(blockSize, 16).write(blockSize, 16).write(0, 24).write(0, 24);
        w.write(rate, 20).write(channels - 1, 3).write(bits - 1, 5).writeLong(total, 36);
        for (int i = 0; i < 16; i++) {
            w.write(0, 8); // MD5 unknown
        }
        return w.bytes();
    }

    static byte[] flacFrame(int[][] channels, int start, int count, int bits, int frameNumber, int stereoMode) {
        BitWriter w = new BitWriter();
        w.write(0xFFF8, 16);
        w.write(7, 4).write(0, 4); // block size in 16 bits after the header; rate from STREAMINFO
        w.write(stereoMode == INDEPENDENT ? channels.length - 1 : stereoMode, 4).write(sampleSizeCode(bits), 3).write(0, 1);
        w.utf8(frameNumber);
        w.write(count - 1, 16);
        byte[] header = w.bytes();
        w.write(crc(header, 8, 0x07), 8);
        int[][] coded = new int[channels.length][count];
        for (int c = 0; c < channels.length; c++) {
            System.arraycopy(channels[c], start, coded[c], 0, count);
        }
        int sideChannel = -1;
        if (stereoMode != INDEPENDENT) {
            int[] left = coded[0].clone();
            int[] right = coded[1];
            for (int i = 0; i < count; i++) {
                int side = left[i] - right[i];
                coded[0][i] = stereoMode == SIDE_RIGHT ? side : stereoMode == MID_SIDE ? (left[i] + right[i]) >> 1 : left[i];
                coded[1][i] = stereoMode == SIDE_RIGHT ? right[i] : side;
            }
            sideChannel = stereoMode == SIDE_RIGHT ? 0 : 1;
        }
        for (int c = 0; c < coded.length; c++) {
            subframe(w, coded[c], bits + (c == sideChannel ? 1 : 0));
        }
        byte[] body = w.bytes(); // pads to a byte boundary with zeros
        return concat(body, ByteBuffer.allocate(2).putShort((short) crc(body, 16, 0x8005)).array());
    }

    /** CONSTANT when every sample is equal, otherwise VERBATIM, with wasted bits when all samples share low zeros. */
    private static void subframe(BitWriter w, int[] samples, int width) {
        boolean constant = java.util.Arrays.stream(samples).allMatch(s -> s == samples[0]);
        if (constant) {
            w.write(0x00, 8).write(samples[0], width);
            return;
        }
        int wasted = java.util.Arrays.stream(samples).map(Integer::numberOfTrailingZeros).min().orElse(0);
        w.write(0x02 | (wasted > 0 ? 1 : 0), 8);
        if (wasted > 0) {
            w.write(1, wasted); // unary wasted - 1: zeros, then a one
        }
        for (int s : samples) {
            w.write(s >> wasted, width - wasted);
        }
    }

    /** FLAC's CRC-8 and CRC-16 (MSB first, zero start), bit by bit: independent of the decoder's table-driven ones. */
    private static int crc(byte[] bytes, int width, int polynomial) {
        int top = 1 << (width - 1);
        int mask = (1 << width) - 1;
        int crc = 0;
        for (byte b : bytes) {
            crc ^= (b & 0xff) << (width - 8);
            for (int i = 0; i < 8; i++) {
                crc = (crc & top) != 0 ? ((crc << 1) ^ polynomial) & mask : (crc << 1) & mask;
            }
        }
        return crc;
    }

    private static int sampleSizeCode(int bits) {
        return switch (bits) {
            case 8 -> 1;
            case 12 -> 2;
            case 16 -> 4;
            case 20 -> 5;
            case 24 -> 6;
            default -> 0; // from STREAMINFO
        };
    }

    /** An ID3v2.3 tag of {@code size} zero bytes, as taggers put before FLAC or MP3 data. */
    static byte[] id3(int size) {
        byte[] tag = new byte[10 + size];
        System.arraycopy(ascii("ID3"), 0, tag, 0, 3);
        tag[3] = 3;
        tag[6] = (byte) ((size >> 21) & 0x7f);
        tag[7] = (byte) ((size >> 14) & 0x7f);
        tag[8] = (byte) ((size >> 7) & 0x7f);
        tag[9] = (byte) (size & 0x7f);
        return tag;
    }

    // ---- plumbing ----

    static byte[] container(String magic, String type, ByteOrder order, Chunk... chunks) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(ascii(type));
        for (Chunk chunk : chunks) {
            body.writeBytes(ascii(chunk.id()));
            body.writeBytes(ByteBuffer.allocate(4).order(order).putInt((int) chunk.declaredSize()).array());
            body.writeBytes(chunk.body());
            if (chunk.padded() && chunk.body().length % 2 == 1) {
                body.write(0);
            }
        }
        byte[] inner = body.toByteArray();
        return concat(ascii(magic), ByteBuffer.allocate(4).order(order).putInt(inner.length).array(), inner);
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** Big-endian bit packing, as FLAC frames need. */
    static final class BitWriter {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private long pending;
        private int pendingBits;

        BitWriter write(int value, int bits) {
            return writeLong(value, bits);
        }

        BitWriter writeLong(long value, int bits) {
            for (int i = bits - 1; i >= 0; i--) {
                pending = (pending << 1) | ((value >>> i) & 1);
                if (++pendingBits == 8) {
                    out.write((int) pending);
                    pending = 0;
                    pendingBits = 0;
                }
            }
            return this;
        }

        /** FLAC's UTF-8-like coding of frame numbers. */
        BitWriter utf8(int value) {
            if (value < 0x80) {
                return write(value, 8);
            }
            if (value < 0x800) {
                return write(0xC0 | (value >> 6), 8).write(0x80 | (value & 0x3f), 8);
            }
            return write(0xE0 | (value >> 12), 8).write(0x80 | ((value >> 6) & 0x3f), 8).write(0x80 | (value & 0x3f), 8);
        }

        /** Everything written so far, the last byte zero-padded; writing may continue afterwards. */
        byte[] bytes() {
            byte[] done = out.toByteArray();
            if (pendingBits == 0) {
                return done;
            }
            byte[] padded = java.util.Arrays.copyOf(done, done.length + 1);
            padded[done.length] = (byte) (pending << (8 - pendingBits));
            return padded;
        }
    }
}
