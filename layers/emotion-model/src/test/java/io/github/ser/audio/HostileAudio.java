package io.github.ser.audio;

import java.nio.ByteOrder;

/**
 * Hostile clips for tests in every module (the API and S3 tables, cost bounds, fuzz seeds): non-finite float WAVs
 * and FLAC decompression bombs, built byte by byte without ever holding the audio they claim.
 */
public final class HostileAudio {
    public static final int RATE = 16_000;

    private HostileAudio() {
    }

    /** One second of a speech-like tone (220 Hz with harmonics) at -12 dBFS, as float32 samples. */
    public static float[] tone(int rate, double seconds) {
        float[] x = new float[(int) (rate * seconds)];
        for (int i = 0; i < x.length; i++) {
            double t = i / (double) rate;
            double envelope = 0.5 + 0.5 * Math.sin(2 * Math.PI * 3 * t); // syllable-like loudness changes
            x[i] = (float) (0.25 * envelope * (Math.sin(2 * Math.PI * 220 * t) + 0.5 * Math.sin(2 * Math.PI * 440 * t)
                    + 0.25 * Math.sin(2 * Math.PI * 660 * t)));
        }
        return x;
    }

    /** A mono IEEE-float32 WAV of exactly these samples (NaN, infinities and all). */
    public static byte[] floatWav(float[] samples, int rate) {
        double[] values = new double[samples.length];
        for (int i = 0; i < samples.length; i++) {
            values[i] = samples[i];
        }
        return TestFiles.wav(TestFiles.fmt(3, 1, rate, 32), TestFiles.data(TestFiles.floats(values, 4, ByteOrder.LITTLE_ENDIAN)));
    }

    /** A 16-bit mono PCM WAV (the most ordinary input). */
    public static byte[] pcmWav(float[] samples, int rate) {
        return WavWriter.pcm16(samples, rate);
    }

    /** {@link #tone} with every {@code every}-th sample replaced by {@code value}. */
    public static float[] toneWith(float value, int every) {
        float[] x = tone(RATE, 1.5);
        for (int i = 0; i < x.length; i += every) {
            x[i] = value;
        }
        return x;
    }

    public static float[] scaled(float[] x, float factor) {
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i] * factor;
        }
        return y;
    }

    /**
     * A FLAC stream of {@code blocks} constant frames of {@code blockSize} samples alternating between two values (a
     * loud square wave, so not silent): about 12 bytes per frame whatever the block size, the cheapest audio a
     * file can claim.
     *
     * @param declare whether STREAMINFO states the total (false: "length unknown", found only by decoding)
     */
    public static byte[] flacBomb(int rate, int blockSize, int blocks, boolean declare) {
        int[][] high = {filled(blockSize, 12_000)};
        int[][] low = {filled(blockSize, -12_000)};
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes(TestFiles.ascii("fLaC"));
        out.writeBytes(TestFiles.streamInfo(rate, 1, 16, declare ? (long) blocks * blockSize : 0, blockSize, true));
        for (int frame = 0; frame < blocks; frame++) {
            out.writeBytes(TestFiles.flacFrame(frame % 2 == 0 ? high : low, 0, blockSize, 16, frame, TestFiles.INDEPENDENT));
        }
        return out.toByteArray();
    }

    /** The example: about 40 KB declaring 599 s at 192 kHz. */
    public static byte[] flacBomb599sAt192kHz(boolean declare) {
        int blockSize = 32_768;
        return flacBomb(192_000, blockSize, (int) (599L * 192_000 / blockSize), declare);
    }

    /**
     * The multichannel Vorbis: 60 s of 48 kHz silence in 255 channels, 51 KB
     * ({@code src/test/resources/compressed/silence-255ch.ogg}, made with SoX 14.4.2:
     * {@code sox -D -n -r 48000 -c 255 -C -1 silence-255ch.ogg synth 60 sine 300 vol 0}); its decoder's work grows
     * with every channel (4.9 s of CPU before it was bounded).
     */
    public static byte[] vorbis255Channels() {
        return new io.github.ser.testing.CompressedClips.Clip("silence-255ch.ogg", "audio/ogg").bytes();
    }

    /** The sample-table boxes whose entry counts a hostile M4A may inflate ({@code co64}: {@code stco} renamed). */
    public static final java.util.List<String> M4A_TABLES = java.util.List.of("stsz", "stsc", "stco", "co64", "stts");

    /**
     * The committed 34 KB M4A ({@code angry-64k.m4a}) with the entry count of one sample table set to {@code count}
     * and the table itself left as it is: a count its box cannot hold, as the 22 KB files had.
     */
    public static byte[] m4aWithEntryCount(String table, long count) {
        byte[] m4a = new io.github.ser.testing.CompressedClips.Clip("angry-64k.m4a", "audio/mp4").bytes();
        String stored = table.equals("co64") ? "stco" : table;
        int type = indexOf(m4a, stored, indexOf(m4a, "moov", 0));
        if (type < 4) {
            throw new IllegalStateException("no " + stored + " box in angry-64k.m4a");
        }
        System.arraycopy(TestFiles.ascii(table), 0, m4a, type, 4);
        // after the type: version and flags, then the count (stsz has its default sample size first)
        int at = type + 4 + 4 + (table.equals("stsz") ? 4 : 0);
        for (int i = 0; i < 4; i++) {
            m4a[at + i] = (byte) (count >>> (24 - 8 * i));
        }
        return m4a;
    }

    private static int indexOf(byte[] bytes, String ascii, int from) {
        byte[] wanted = TestFiles.ascii(ascii);
        outer:
        for (int i = Math.max(0, from); i <= bytes.length - wanted.length; i++) {
            for (int j = 0; j < wanted.length; j++) {
                if (bytes[i + j] != wanted[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static int[] filled(int n, int value) {
        int[] x = new int[n];
        java.util.Arrays.fill(x, value);
        return x;
    }
}
