package io.github.ser.audio;

import static io.github.ser.audio.TestFiles.Chunk;
import static io.github.ser.audio.TestFiles.concat;
import static io.github.ser.audio.TestFiles.data;
import static io.github.ser.audio.TestFiles.floats;
import static io.github.ser.audio.TestFiles.fmt;
import static io.github.ser.audio.TestFiles.fmtExtensible;
import static io.github.ser.audio.TestFiles.pcm;
import static io.github.ser.audio.TestFiles.wav;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WavDecodingTest {
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private final AudioDecoder decoder = new AudioDecoder(AudioLimits.defaults());

    @Test
    void sixteenBitMonoIsExactlyInt16Over32768() throws AudioException {
        int[] samples = randomInts(5000, 16, 1);
        samples[0] = -32768;
        samples[1] = 32767;
        AudioClip clip = decoder.decode(wav(fmt(1, 1, 16000, 16), data(pcm(samples, 2, LE, false))));
        assertEquals(16000, clip.sampleRate());
        assertEquals(1, clip.channels());
        assertEquals("wav", clip.format());
        float[] expected = new float[samples.length];
        for (int i = 0; i < samples.length; i++) {
            expected[i] = samples[i] / 32768f;
        }
        assertArrayEquals(expected, clip.samples(), 0f);
    }

    @Test
    void stereoIsTheFloat32MeanOfTheChannels() throws AudioException {
        int[] interleaved = randomInts(4000, 16, 2);
        AudioClip clip = decoder.decode(wav(fmt(1, 2, 48000, 16), data(pcm(interleaved, 2, LE, false))));
        assertEquals(2, clip.channels());
        assertEquals(2000, clip.samples().length);
        for (int i = 0; i < 2000; i++) {
            float left = interleaved[2 * i] / 32768f;
            float right = interleaved[2 * i + 1] / 32768f;
            assertEquals((left + right) / 2f, clip.samples()[i], 0f);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 12, 16, 20, 24, 32})
    void integerPcmScalesLikeLibsndfile(int bits) throws AudioException {
        int bytes = (bits + 7) / 8;
        // narrower samples are stored left-justified in their container, as the spec and every writer do
        int[] values = randomInts(3000, bits, 1);
        int[] stored = Arrays.stream(values).map(v -> v << (8 * bytes - bits)).toArray();
        AudioClip clip = decoder.decode(wav(fmt(1, 1, 22050, bits), data(pcm(stored, bytes, LE, bits == 8))));
        for (int i = 0; i < values.length; i++) {
            float expected = (float) stored[i] * Math.scalb(1f, 1 - 8 * bytes);
            assertEquals(expected, clip.samples()[i], 0f, "sample " + i);
        }
    }

    @Test
    void eightBitIsUnsignedAroundOneHundredTwentyEight() throws AudioException {
        byte[] raw = {0, (byte) 128, (byte) 255, 64};
        AudioClip clip = decoder.decode(wav(fmt(1, 1, 8000, 8), data(raw)));
        assertArrayEquals(new float[] {-1f, 0f, 127 / 128f, -0.5f}, clip.samples(), 0f);
    }

    @ParameterizedTest
    @ValueSource(ints = {32, 64})
    void ieeeFloat(int bits) throws AudioException {
        double[] values = {0.5, -0.25, 1.5, -1.0, 1e-3};
        AudioClip clip = decoder.decode(wav(fmt(3, 1, 44100, bits), data(floats(values, bits / 8, LE))));
        for (int i = 0; i < values.length; i++) {
            assertEquals((float) values[i], clip.samples()[i], 0f);
        }
    }

    @Test
    void extensiblePcmWithSixChannelsAveragesAll() throws AudioException {
        int[] interleaved = randomInts(6 * 500, 24, 6);
        AudioClip clip = decoder.decode(wav(fmtExtensible(1, 6, 48000, 24), data(pcm(interleaved, 3, LE, false))));
        assertEquals(6, clip.channels());
        for (int i = 0; i < 500; i++) {
            float sum = 0f;
            for (int c = 0; c < 6; c++) {
                sum += interleaved[6 * i + c] / 8388608f;
            }
            assertEquals(sum / 6, clip.samples()[i], 0f);
        }
    }

    @Test
    void extensibleFloat() throws AudioException {
        double[] values = {0.125, -0.5, 0.75, 0.0};
        AudioClip clip = decoder.decode(wav(fmtExtensible(3, 2, 96000, 32), data(floats(values, 4, LE))));
        assertArrayEquals(new float[] {(0.125f - 0.5f) / 2, 0.375f}, clip.samples(), 0f);
    }

    @Test
    void bigEndianRifx() throws AudioException {
        int[] samples = randomInts(100, 16, 1);
        byte[] file = TestFiles.container("RIFX", "WAVE", ByteOrder.BIG_ENDIAN,
                fmt(1, 1, 16000, 16, ByteOrder.BIG_ENDIAN), data(pcm(samples, 2, ByteOrder.BIG_ENDIAN, false)));
        AudioClip clip = decoder.decode(file);
        for (int i = 0; i < samples.length; i++) {
            assertEquals(samples[i] / 32768f, clip.samples()[i], 0f);
        }
    }

    @Test
    void rf64WithPlaceholderSizesReadsTheDataThatIsThere() throws AudioException {
        int[] samples = randomInts(300, 16, 1);
        byte[] file = TestFiles.container("RF64", "WAVE", LE, Chunk.of("ds64", new byte[28]), fmt(1, 1, 16000, 16),
                data(pcm(samples, 2, LE, false)).declaring(0xFFFFFFFFL));
        assertEquals(300, decoder.decode(file).samples().length);
    }

    @ParameterizedTest
    @ValueSource(ints = {8000, 11025, 24414, 44100, 192000})
    void anyRateFromEightTo192Kilohertz(int rate) throws AudioException {
        AudioClip clip = decoder.decode(wav(fmt(1, 1, rate, 16), data(new byte[2 * rate / 10])));
        assertEquals(rate, clip.sampleRate());
        assertEquals(0.1, clip.durationSeconds(), 1e-3);
    }

    @Test
    void unknownAndOddSizedChunksAreSkipped() throws AudioException {
        byte[] file = wav(Chunk.of("JUNK", new byte[3]), fmt(1, 1, 16000, 16), Chunk.of("LIST", new byte[5]),
                Chunk.of("fact", new byte[4]), data(pcm(new int[] {1000, -1000}, 2, LE, false)),
                Chunk.of("id3 ", new byte[7]));
        assertArrayEquals(new float[] {1000 / 32768f, -1000 / 32768f}, decoder.decode(file).samples(), 0f);
    }

    @Test
    void aMissingPadByteAfterAnOddChunkIsTolerated() throws AudioException {
        byte[] file = wav(fmt(1, 1, 16000, 16), Chunk.of("note", new byte[5]).withoutPadByte(),
                data(pcm(new int[] {7, 8, 9}, 2, LE, false)));
        assertEquals(3, decoder.decode(file).samples().length);
    }

    @Test
    void fmtAfterDataIsFound() throws AudioException {
        byte[] file = wav(data(pcm(new int[] {1, 2, 3, 4}, 2, LE, false)), fmt(1, 2, 16000, 16));
        assertEquals(2, decoder.decode(file).samples().length);
    }

    @Test
    void streamingWriterPlaceholderSizeUsesTheWholeFramesPresent() throws AudioException {
        byte[] samples = pcm(randomInts(1001, 16, 1), 2, LE, false);
        byte[] file = wav(fmt(1, 2, 16000, 16), data(samples).declaring(0xFFFFFFFFL));
        assertEquals(500, decoder.decode(file).samples().length, "1001 stereo samples hold 500 whole frames");
    }

    @Test
    void truncatedDataDecodesTheWholeFramesPresent() throws AudioException {
        byte[] file = wav(fmt(1, 1, 16000, 24), data(pcm(randomInts(1000, 24, 1), 3, LE, false)));
        byte[] truncated = Arrays.copyOf(file, file.length - 301); // cut mid-frame
        assertEquals(899, decoder.decode(truncated).samples().length);
    }

    @Test
    void trailingBytesAfterTheLastChunkAreIgnored() throws AudioException {
        byte[] file = concat(wav(fmt(1, 1, 16000, 16), data(new byte[200])), new byte[] {1, 2, 3});
        assertEquals(100, decoder.decode(file).samples().length);
    }

    static int[] randomInts(int count, int bits, long seed) {
        Random random = new Random(seed);
        int[] values = new int[count];
        for (int i = 0; i < count; i++) {
            values[i] = (int) (random.nextLong() >> (64 - bits));
        }
        return values;
    }
}
