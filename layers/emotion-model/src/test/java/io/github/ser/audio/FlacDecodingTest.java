package io.github.ser.audio;

import static io.github.ser.audio.TestFiles.concat;
import static io.github.ser.audio.TestFiles.flac;
import static io.github.ser.audio.WavDecodingTest.randomInts;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ser.testing.SharedData;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FlacDecodingTest {
    private final AudioDecoder decoder = new AudioDecoder(AudioLimits.defaults());

    @ParameterizedTest
    @CsvSource({"8, 1", "12, 1", "16, 1", "16, 2", "20, 3", "24, 2", "16, 6", "4, 1", "17, 2"})
    void verbatimStreamsOfAnyDepthAndChannelCount(int bits, int channels) throws AudioException {
        int[][] samples = new int[channels][];
        for (int c = 0; c < channels; c++) {
            samples[c] = randomInts(1000, bits, 10 + c);
        }
        AudioClip clip = decoder.decode(flac(samples, 16000, bits, 256, true)); // 1000 = 3 full blocks + 232
        assertEquals(16000, clip.sampleRate());
        assertEquals(channels, clip.channels());
        assertEquals("flac", clip.format());
        float scale = Math.scalb(1f, 1 - bits);
        float[] expected = new float[1000];
        for (int i = 0; i < expected.length; i++) {
            float sum = 0f;
            for (int c = 0; c < channels; c++) {
                sum += samples[c][i] * scale;
            }
            expected[i] = sum / channels;
        }
        assertArrayEquals(expected, clip.samples(), 0f);
    }

    @ParameterizedTest
    @CsvSource({"8, 16", "9, 16", "10, 16", "8, 24", "9, 24", "10, 24", "10, 8"})
    void stereoDecorrelationModesRestoreBothChannels(int mode, int bits) throws AudioException {
        int[] left = randomInts(1500, bits, 30);
        int[] right = randomInts(1500, bits, 31);
        float[] decoded = decoder.decode(flac(new int[][] {left, right}, 48000, bits, 512, true, mode)).samples();
        float scale = Math.scalb(1f, 1 - bits);
        for (int i = 0; i < decoded.length; i++) {
            assertEquals((left[i] * scale + right[i] * scale) / 2, decoded[i], 0f, "sample " + i);
        }
    }

    @Test
    void constantSubframesAndWastedBits() throws AudioException {
        int[] samples = new int[2048];
        for (int i = 0; i < 1024; i++) {
            samples[i] = 1234;                       // first block: CONSTANT subframe
            samples[1024 + i] = (i % 200 - 100) * 16; // second block: four wasted bits
        }
        float[] decoded = decoder.decode(flac(new int[][] {samples}, 16000, 16, 1024, true)).samples();
        for (int i = 0; i < samples.length; i++) {
            assertEquals(samples[i] / 32768f, decoded[i], 0f, "sample " + i);
        }
    }

    @Test
    void unknownTotalLengthDecodesEveryFrame() throws AudioException {
        int[][] samples = {randomInts(3000, 16, 20)};
        assertEquals(3000, decoder.decode(flac(samples, 44100, 16, 1024, false)).samples().length);
    }

    @Test
    void id3v2TagBeforeTheMarkerIsSkipped() throws AudioException {
        int[][] samples = {randomInts(500, 16, 21)};
        byte[] tagged = concat(TestFiles.id3(300), flac(samples, 16000, 16, 500, true));
        assertEquals(500, decoder.decode(tagged).samples().length);
    }

    @Test
    void truncatedStreamDecodesTheWholeFramesPresent() throws AudioException {
        byte[] file = flac(new int[][] {randomInts(4096, 16, 22)}, 16000, 16, 1024, true);
        AudioClip clip = decoder.decode(Arrays.copyOf(file, file.length - 100));
        assertEquals(3072, clip.samples().length);
    }

    @Test
    void trailingTagsAfterTheLastFrameAreIgnored() throws AudioException {
        byte[] file = concat(flac(new int[][] {randomInts(700, 16, 23)}, 16000, 16, 256, true),
                TestFiles.ascii("TAG"), new byte[125]); // an ID3v1 tag
        assertEquals(700, decoder.decode(file).samples().length);
    }

    @Test
    void unknownLengthStreamsStopAtTheDurationLimit() {
        AudioDecoder strict = new AudioDecoder(new AudioLimits(1 << 20, 0.5));
        byte[] file = flac(new int[][] {randomInts(12000, 16, 24)}, 16000, 16, 4000, false);
        AudioException e = assertThrows(AudioException.class, () -> strict.decode(file));
        assertEquals(AudioErrorCode.TOO_LONG, e.code());
    }

    /** Frames of one constant value cost a few bytes each: a small file must not decode to an hour of audio. */
    @Test
    void decompressionBombsAreRefusedWithOrWithoutADeclaredLength() {
        byte[] undeclared = flac(new int[][] {new int[200_000]}, 16000, 16, 4000, false);
        AudioException e = assertThrows(AudioException.class, () -> decoder.decode(undeclared));
        assertEquals(AudioErrorCode.CORRUPT_AUDIO, e.code());
        assertTrue(e.getMessage().contains("samples per encoded byte"), e.getMessage());
        byte[] declared = flac(new int[][] {new int[200_000]}, 16000, 16, 4000, true);
        assertEquals(AudioErrorCode.CORRUPT_AUDIO, assertThrows(AudioException.class, () -> decoder.decode(declared)).code());
    }

    // ---- real corpora (LPC and FIXED subframes): decoding must reproduce the encoder's MD5 of the samples ----

    @Test
    void ravdessMonoMatchesItsStreamInfoMd5() throws Exception {
        assertDecodesToMd5(SharedData.datasets().resolve("ravdess-speech-16k/Actor_01/03-01-01-01-01-01-01.flac"), 16000);
    }

    @Test
    void ravdessStereoFileIsAveraged() throws Exception {
        Path file = SharedData.datasets().resolve("ravdess-speech-16k/Actor_01/03-01-02-01-01-02-01.flac");
        AudioClip clip = decoder.decode(Files.readAllBytes(file));
        assertEquals(2, clip.channels());
        assertEquals(16000, clip.sampleRate());
        assertEquals(totalSamples(Files.readAllBytes(file)), clip.samples().length);
        assertEquals(3.5, clip.durationSeconds(), 1.0);
    }

    @Test
    void tessAt24414HertzMatchesItsMd5() throws Exception {
        assertDecodesToMd5(SharedData.datasets().resolve("tess/OAF_angry/OAF_back_angry.flac"), 24414);
    }

    @Test
    void tessNinetySixKilohertzFileMatchesItsMd5() throws Exception {
        assertDecodesToMd5(SharedData.datasets().resolve("tess/OAF_Fear/OAF_food_fear.flac"), 96000);
    }

    @Test
    void everyTwentiethCorpusFileMatchesItsMd5() throws Exception {
        List<Path> files = new ArrayList<>();
        for (String corpus : new String[] {"ravdess-speech-16k", "tess"}) {
            try (Stream<Path> walk = Files.walk(SharedData.datasets().resolve(corpus))) {
                walk.filter(p -> p.toString().endsWith(".flac")).sorted().forEach(files::add);
            }
        }
        assertTrue(files.size() > 4000, "corpora incomplete: " + files.size() + " files");
        for (int i = 0; i < files.size(); i += 20) {
            long packed = ByteBuffer.wrap(Files.readAllBytes(files.get(i))).getLong(8 + 10);
            if (((packed >>> 41) & 7) == 0) { // mono: the MD5 can be recomputed from the decoded samples
                assertDecodesToMd5(files.get(i), (int) (packed >>> 44));
            }
        }
    }

    private void assertDecodesToMd5(Path file, int rate) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        AudioClip clip = decoder.decode(bytes);
        assertEquals(rate, clip.sampleRate());
        assertEquals(1, clip.channels());
        assertEquals(totalSamples(bytes), clip.samples().length);
        ByteBuffer pcm = ByteBuffer.allocate(2 * clip.samples().length).order(ByteOrder.LITTLE_ENDIAN);
        for (float s : clip.samples()) {
            pcm.putShort((short) (s * 32768f));
        }
        byte[] md5 = MessageDigest.getInstance("MD5").digest(pcm.array());
        assertArrayEquals(Arrays.copyOfRange(bytes, 26, 42), md5, file + ": decoded samples differ from the encoder's");
    }

    /** STREAMINFO's 36-bit sample count (these files have no ID3 tag, so STREAMINFO starts at byte 8). */
    private static long totalSamples(byte[] bytes) throws IOException {
        return ByteBuffer.wrap(bytes).getLong(8 + 10) & 0xF_FFFF_FFFFL;
    }
}
