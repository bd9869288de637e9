package io.github.ser.audio;

import static io.github.ser.audio.TestFiles.Chunk;
import static io.github.ser.audio.TestFiles.aifc;
import static io.github.ser.audio.TestFiles.aiff;
import static io.github.ser.audio.TestFiles.comm;
import static io.github.ser.audio.TestFiles.commC;
import static io.github.ser.audio.TestFiles.floats;
import static io.github.ser.audio.TestFiles.pcm;
import static io.github.ser.audio.TestFiles.ssnd;
import static io.github.ser.audio.WavDecodingTest.randomInts;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AiffDecodingTest {
    private static final ByteOrder BE = ByteOrder.BIG_ENDIAN;
    private final AudioDecoder decoder = new AudioDecoder(AudioLimits.defaults());

    @Test
    void sixteenBitBigEndianIsExactlyInt16Over32768() throws AudioException {
        int[] samples = randomInts(2000, 16, 3);
        AudioClip clip = decoder.decode(aiff(comm(1, 2000, 16, 44100), ssnd(pcm(samples, 2, BE, false))));
        assertEquals(44100, clip.sampleRate());
        assertEquals("aiff", clip.format());
        for (int i = 0; i < samples.length; i++) {
            assertEquals(samples[i] / 32768f, clip.samples()[i], 0f);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 24, 32})
    void otherIntegerWidthsAreSigned(int bits) throws AudioException {
        int[] samples = randomInts(500, bits, 4);
        AudioClip clip = decoder.decode(aiff(comm(1, 500, bits, 22050), ssnd(pcm(samples, bits / 8, BE, false))));
        for (int i = 0; i < samples.length; i++) {
            assertEquals((float) samples[i] * Math.scalb(1f, 1 - bits), clip.samples()[i], 0f);
        }
    }

    @Test
    void stereoIsAveraged() throws AudioException {
        int[] interleaved = {1000, 3000, -32768, 32767};
        AudioClip clip = decoder.decode(aiff(comm(2, 2, 16, 48000), ssnd(pcm(interleaved, 2, BE, false))));
        assertEquals(2, clip.channels());
        assertArrayEquals(new float[] {(1000 / 32768f + 3000 / 32768f) / 2, (-1f + 32767 / 32768f) / 2},
                clip.samples(), 0f);
    }

    @ParameterizedTest
    @ValueSource(strings = {"NONE", "twos"})
    void aifcUncompressedBigEndian(String compression) throws AudioException {
        AudioClip clip = decoder.decode(aifc(commC(1, 2, 16, 16000, compression),
                ssnd(pcm(new int[] {16384, -8192}, 2, BE, false))));
        assertArrayEquals(new float[] {0.5f, -0.25f}, clip.samples(), 0f);
    }

    @Test
    void aifcSowtIsLittleEndian() throws AudioException {
        AudioClip clip = decoder.decode(aifc(commC(1, 2, 16, 16000, "sowt"),
                ssnd(pcm(new int[] {16384, -8192}, 2, ByteOrder.LITTLE_ENDIAN, false))));
        assertArrayEquals(new float[] {0.5f, -0.25f}, clip.samples(), 0f);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fl32", "fl64"})
    void aifcFloat(String compression) throws AudioException {
        int bytes = compression.equals("fl32") ? 4 : 8;
        AudioClip clip = decoder.decode(aifc(commC(1, 3, bytes * 8, 96000, compression),
                ssnd(floats(new double[] {0.5, -0.75, 0.1}, bytes, BE))));
        assertArrayEquals(new float[] {0.5f, -0.75f, 0.1f}, clip.samples(), 0f);
    }

    @Test
    void extendedSampleRatesAreTruncatedToWholeHertzLikeLibsndfile() throws AudioException {
        AudioClip clip = decoder.decode(aiff(comm(1, 4, 16, 24414.0625), ssnd(new byte[8])));
        assertEquals(24414, clip.sampleRate());
    }

    @Test
    void commFrameCountBoundsTheSamplesRead() throws AudioException {
        byte[] samples = pcm(randomInts(100, 16, 5), 2, BE, false);
        assertEquals(60, decoder.decode(aiff(comm(1, 60, 16, 16000), ssnd(samples))).samples().length);
    }

    @Test
    void oddChunksArePaddedAndSkipped() throws AudioException {
        byte[] file = aiff(Chunk.of("NAME", new byte[3]), comm(1, 2, 16, 16000), Chunk.of("ANNO", new byte[1]),
                ssnd(pcm(new int[] {1, 2}, 2, BE, false)));
        assertEquals(2, decoder.decode(file).samples().length);
    }

    @Test
    void truncatedSoundDataDecodesTheWholeFramesPresent() throws AudioException {
        byte[] file = aiff(comm(2, 500, 16, 16000), ssnd(pcm(randomInts(1000, 16, 6), 2, BE, false)));
        assertEquals(374, decoder.decode(Arrays.copyOf(file, file.length - 503)).samples().length);
    }
}
