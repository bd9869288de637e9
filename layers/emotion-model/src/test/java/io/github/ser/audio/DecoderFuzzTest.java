package io.github.ser.audio;

import static io.github.ser.audio.TestFiles.Chunk;
import static io.github.ser.audio.TestFiles.data;
import static io.github.ser.audio.TestFiles.fmt;
import static io.github.ser.audio.TestFiles.pcm;
import static io.github.ser.audio.WavDecodingTest.randomInts;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.ser.testing.SharedData;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Truncations, byte flips and extreme size fields written over real and generated files: the decoder must answer
 * every one with a clip or an AudioException, never another exception, a hang or an out-of-memory.
 */
class DecoderFuzzTest {
    private static final int MUTATIONS_PER_FILE = 60;
    private static final int[] EXTREMES = {0, -1, 0x7FFFFFFF, 0x80000000, 0x00010000, 1};

    @Test
    void mutatedFilesOnlyEverDecodeOrFailWithAnAudioException() throws Exception {
        Map<String, byte[]> seeds = seeds();
        AudioDecoder decoder = new AudioDecoder(AudioLimits.defaults());
        Random random = new Random(20240607);
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            for (Map.Entry<String, byte[]> seed : seeds.entrySet()) {
                for (int i = 0; i < MUTATIONS_PER_FILE; i++) {
                    byte[] original = seed.getValue();
                    String how = seed.getKey() + " mutation " + i;
                    byte[] mutated = switch (i % 3) {
                        case 0 -> Arrays.copyOf(original, truncationLength(random, original.length));
                        case 1 -> flipBytes(random, original);
                        default -> writeExtreme(random, original);
                    };
                    check(decoder, mutated, how);
                }
            }
        });
    }

    private static void check(AudioDecoder decoder, byte[] bytes, String how) {
        try {
            AudioClip clip = decoder.decode(bytes);
            assertTrue(clip.samples().length > 0, how);
            assertTrue(clip.sampleRate() >= 8000 && clip.sampleRate() <= 192000, how);
            assertTrue(clip.channels() > 0, how);
        } catch (AudioException e) {
            assertNotNull(e.code(), how);
            assertNotNull(e.getMessage(), how);
        } catch (Throwable t) {
            fail(how + " escaped as " + t, t);
        }
    }

    /** Half the cuts land in the first 64 bytes, where the headers are. */
    private static int truncationLength(Random random, int length) {
        return random.nextBoolean() ? random.nextInt(Math.min(64, length)) : random.nextInt(length);
    }

    private static byte[] flipBytes(Random random, byte[] original) {
        byte[] copy = original.clone();
        for (int n = 1 + random.nextInt(4); n > 0; n--) {
            copy[position(random, copy.length)] ^= (byte) (1 + random.nextInt(255));
        }
        return copy;
    }

    private static byte[] writeExtreme(Random random, byte[] original) {
        byte[] copy = original.clone();
        int at = Math.min(position(random, copy.length), copy.length - 4);
        int value = EXTREMES[random.nextInt(EXTREMES.length)];
        boolean littleEndian = random.nextBoolean(); // RIFF sizes are little-endian, AIFF and FLAC big-endian
        for (int k = 0; k < 4; k++) {
            copy[at + k] = (byte) (value >>> (8 * (littleEndian ? k : 3 - k)));
        }
        return copy;
    }

    private static int position(Random random, int length) {
        return random.nextInt(4) > 0 ? random.nextInt(Math.min(80, length)) : random.nextInt(length);
    }

    private static Map<String, byte[]> seeds() throws Exception {
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        ByteOrder le = ByteOrder.LITTLE_ENDIAN;
        ByteOrder be = ByteOrder.BIG_ENDIAN;
        seeds.put("wav16 stereo", TestFiles.wav(fmt(1, 2, 16000, 16), Chunk.of("LIST", new byte[9]),
                data(pcm(randomInts(2000, 16, 1), 2, le, false))));
        seeds.put("wav extensible 24", TestFiles.wav(TestFiles.fmtExtensible(1, 3, 48000, 24),
                data(pcm(randomInts(900, 24, 2), 3, le, false))));
        seeds.put("aiff16", TestFiles.aiff(TestFiles.comm(1, 1000, 16, 22050),
                TestFiles.ssnd(pcm(randomInts(1000, 16, 3), 2, be, false))));
        seeds.put("aifc fl32", TestFiles.aifc(TestFiles.commC(2, 300, 32, 44100, "fl32"),
                TestFiles.ssnd(TestFiles.floats(new double[600], 4, be))));
        seeds.put("flac verbatim", TestFiles.flac(new int[][] {randomInts(3000, 16, 4), randomInts(3000, 16, 5)},
                16000, 16, 1024, true));
        seeds.put("ravdess flac", Files.readAllBytes(
                SharedData.datasets().resolve("ravdess-speech-16k/Actor_01/03-01-02-01-01-02-01.flac")));
        seeds.put("sample aiff head", Arrays.copyOf(Files.readAllBytes(
                SharedData.datasets().resolve("samples/YAF_germ_angry.wav")), 20_000));
        seeds.put("sample wav head", Arrays.copyOf(Files.readAllBytes(
                SharedData.datasets().resolve("samples/03-01-06-01-01-02-20.wav")), 20_000));
        return seeds;
    }
}
