package io.github.ser.audio;

import static io.github.ser.audio.TestFiles.Chunk;
import static io.github.ser.audio.TestFiles.aifc;
import static io.github.ser.audio.TestFiles.aiff;
import static io.github.ser.audio.TestFiles.ascii;
import static io.github.ser.audio.TestFiles.comm;
import static io.github.ser.audio.TestFiles.commC;
import static io.github.ser.audio.TestFiles.concat;
import static io.github.ser.audio.TestFiles.data;
import static io.github.ser.audio.TestFiles.flac;
import static io.github.ser.audio.TestFiles.fmt;
import static io.github.ser.audio.TestFiles.ssnd;
import static io.github.ser.audio.TestFiles.wav;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DecoderErrorsTest {
    private final AudioDecoder decoder = new AudioDecoder(AudioLimits.defaults());
    private final byte[] goodWav = wav(fmt(1, 1, 16000, 16), data(new byte[3200]));

    @Test
    void noBytesIsEmpty() {
        assertCode(AudioErrorCode.EMPTY, null);
        assertCode(AudioErrorCode.EMPTY, new byte[0]);
    }

    @Test
    void wellFormedFilesWithoutSamplesAreEmpty() {
        assertCode(AudioErrorCode.EMPTY, wav(fmt(1, 1, 16000, 16), data(new byte[0])));
        assertCode(AudioErrorCode.EMPTY, aiff(comm(1, 0, 16, 16000)));
        assertCode(AudioErrorCode.EMPTY, flac(new int[][] {new int[0]}, 16000, 16, 4096, false));
    }

    @Test
    void promisedSamplesThatAreMissingAreCorrupt() {
        byte[] headerOnly = Arrays.copyOf(goodWav, 44 + 1); // data says 3200 bytes, half a frame follows
        assertCode(AudioErrorCode.CORRUPT_AUDIO, headerOnly);
        byte[] flacHeaderOnly = Arrays.copyOf(flac(new int[][] {new int[100]}, 16000, 16, 100, true), 42);
        assertCode(AudioErrorCode.CORRUPT_AUDIO, flacHeaderOnly);
    }

    @Test
    void otherFormatsAreNamedInTheMessage() {
        assertMessage("AAC", concat(new byte[] {(byte) 0xFF, (byte) 0xF1, 0x50, (byte) 0x80}, new byte[60]));
        assertMessage("text", ascii("{\"audio\": \"not really\"}"));
        assertMessage("AVI", concat(ascii("RIFF"), new byte[4], ascii("AVI "), new byte[60]));
        assertMessage("unrecognised", new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
    }

    /** Ogg, WebM, MP4 and MP3 are decoded now: their magic followed by junk is a broken file of that kind. */
    @Test
    void compressedContainersWithNothingValidAfterTheirMagicAreCorrupt() {
        assertCode(AudioErrorCode.CORRUPT_AUDIO, concat(ascii("OggS"), new byte[60]));
        assertCode(AudioErrorCode.CORRUPT_AUDIO, concat(new byte[] {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3}, new byte[60]));
        assertCode(AudioErrorCode.CORRUPT_AUDIO, concat(new byte[] {0, 0, 0, 0x20}, ascii("ftypM4A "), new byte[60]));
        assertCode(AudioErrorCode.CORRUPT_AUDIO, concat(new byte[] {(byte) 0xFF, (byte) 0xFB, (byte) 0x90, 0x64}, new byte[60]));
        assertCode(AudioErrorCode.CORRUPT_AUDIO, concat(TestFiles.id3(20), new byte[] {(byte) 0xFF, (byte) 0xFB, (byte) 0x90}, new byte[60]));
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 0x11, 0x55, 0x1234})
    void compressedWavEncodingsAreUnsupported(int tag) {
        AudioException e = decodeFailure(wav(fmt(tag, 1, 8000, 8), data(new byte[100])));
        assertEquals(AudioErrorCode.UNSUPPORTED_FORMAT, e.code());
        assertTrue(e.getMessage().startsWith("WAV encoding"), e.getMessage());
    }

    @Test
    void oddWidthsAreUnsupported() {
        assertCode(AudioErrorCode.UNSUPPORTED_FORMAT, wav(fmt(3, 1, 8000, 16), data(new byte[100])));
        assertCode(AudioErrorCode.UNSUPPORTED_FORMAT, wav(fmt(1, 1, 8000, 48), data(new byte[120])));
        assertCode(AudioErrorCode.UNSUPPORTED_FORMAT, flac(new int[][] {new int[10]}, 16000, 32, 10, true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ulaw", "alaw", "ima4", "MAC3", "GSM "})
    void compressedAifcIsUnsupported(String compression) {
        assertCode(AudioErrorCode.UNSUPPORTED_FORMAT, aifc(commC(1, 10, 16, 8000, compression), ssnd(new byte[20])));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 4, 11, 12, 20, 30, 36, 43})
    void truncatedHeadersAreCorrupt(int length) {
        assertCode(AudioErrorCode.CORRUPT_AUDIO, Arrays.copyOf(goodWav, length));
    }

    @Test
    void truncatedAiffAndFlacHeadersAreCorrupt() {
        byte[] aiff = aiff(comm(1, 100, 16, 16000), ssnd(new byte[200]));
        for (int length : new int[] {2, 11, 20, 30}) {
            assertCode(AudioErrorCode.CORRUPT_AUDIO, Arrays.copyOf(aiff, length));
        }
        byte[] flac = flac(new int[][] {new int[100]}, 16000, 16, 100, true);
        for (int length : new int[] {3, 4, 7, 20, 41}) {
            assertCode(AudioErrorCode.CORRUPT_AUDIO, Arrays.copyOf(flac, length));
        }
    }

    @Test
    void lyingChunkSizesAreCorrupt() {
        assertCode(AudioErrorCode.CORRUPT_AUDIO, wav(fmt(1, 1, 16000, 16).declaring(1_000_000_000L), data(new byte[10])));
        assertCode(AudioErrorCode.CORRUPT_AUDIO, wav(Chunk.of("LIST", new byte[4]).declaring(0x7FFFFFF0L),
                fmt(1, 1, 16000, 16), data(new byte[10])));
        assertCode(AudioErrorCode.CORRUPT_AUDIO, aiff(comm(1, 5, 16, 16000).declaring(0xFFFFFFFFL), ssnd(new byte[10])));
        byte[] flac = flac(new int[][] {new int[100]}, 16000, 16, 100, true);
        flac[5] = 0x7f; // STREAMINFO length far past the end of the file
        assertCode(AudioErrorCode.CORRUPT_AUDIO, flac);
    }

    @Test
    void missingChunksAreCorrupt() {
        assertCode(AudioErrorCode.CORRUPT_AUDIO, wav(data(new byte[10])));
        assertCode(AudioErrorCode.CORRUPT_AUDIO, wav(fmt(1, 1, 16000, 16)));
        assertCode(AudioErrorCode.CORRUPT_AUDIO, aiff(ssnd(new byte[10])));
        assertCode(AudioErrorCode.CORRUPT_AUDIO, aiff(comm(1, 5, 16, 16000)));
    }

    @Test
    void impossibleFieldsAreCorrupt() {
        assertCode(AudioErrorCode.CORRUPT_AUDIO, wav(fmt(1, 0, 16000, 16), data(new byte[10])));
        assertCode(AudioErrorCode.CORRUPT_AUDIO, wav(fmt(1, 1, 0, 16), data(new byte[10])));
        assertCode(AudioErrorCode.CORRUPT_AUDIO, wav(fmt(1, 1, -1, 16), data(new byte[10])));
        assertCode(AudioErrorCode.CORRUPT_AUDIO, wav(fmt(1, 1, 16000, 0), data(new byte[10])));
        assertCode(AudioErrorCode.CORRUPT_AUDIO, aiff(comm(0, 5, 16, 16000), ssnd(new byte[10])));
        assertCode(AudioErrorCode.CORRUPT_AUDIO, aiff(comm(1, 5, 0, 16000), ssnd(new byte[10])));
        assertCode(AudioErrorCode.CORRUPT_AUDIO, aiff(comm(1, 5, 16, 1e300), ssnd(new byte[10])));
        assertCode(AudioErrorCode.CORRUPT_AUDIO, flac(new int[][] {new int[10]}, 0, 16, 10, true));
    }

    @Test
    void plausibleButUnsupportedRatesSaySo() {
        AudioException low = decodeFailure(wav(fmt(1, 1, 4000, 16), data(new byte[10])));
        assertEquals(AudioErrorCode.UNSUPPORTED_FORMAT, low.code());
        assertTrue(low.getMessage().contains("8000-192000"), low.getMessage());
        assertCode(AudioErrorCode.UNSUPPORTED_FORMAT, wav(fmt(1, 1, 384000, 16), data(new byte[10])));
    }

    @Test
    void inputAboveTheByteLimitIsTooLarge() {
        AudioDecoder small = new AudioDecoder(new AudioLimits(1000, 600));
        AudioException e = assertThrows(AudioException.class, () -> small.decode(goodWav));
        assertEquals(AudioErrorCode.TOO_LARGE, e.code());
    }

    @Test
    void clipsAboveTheDurationLimitAreTooLong() {
        AudioDecoder strict = new AudioDecoder(new AudioLimits(1 << 24, 0.05));
        for (byte[] clip : new byte[][] {goodWav, aiff(comm(1, 1600, 16, 16000), ssnd(new byte[3200])),
                flac(new int[][] {new int[1600]}, 16000, 16, 1600, true)}) {
            AudioException e = assertThrows(AudioException.class, () -> strict.decode(clip));
            assertEquals(AudioErrorCode.TOO_LONG, e.code());
        }
    }

    @Test
    void flacDurationIsCheckedFromStreamInfoBeforeDecoding() {
        // one tiny frame, but STREAMINFO claims 20 minutes at 192 kHz: refused without decoding or allocating
        byte[] file = flac(new int[][] {new int[16]}, 192000, 16, 16, true);
        byte[] claim = TestFiles.streamInfo(192000, 1, 16, 192000L * 1200, 16, true);
        System.arraycopy(claim, 0, file, 4, claim.length);
        assertCode(AudioErrorCode.TOO_LONG, file);
    }

    private void assertCode(AudioErrorCode expected, byte[] bytes) {
        assertEquals(expected, decodeFailure(bytes).code());
    }

    private void assertMessage(String expectedPart, byte[] bytes) {
        AudioException e = decodeFailure(bytes);
        assertEquals(AudioErrorCode.UNSUPPORTED_FORMAT, e.code(), e.getMessage());
        assertTrue(e.getMessage().contains(expectedPart), e.getMessage());
        assertTrue(e.getMessage().contains("send WAV, AIFF, FLAC, MP3"), e.getMessage());
    }

    private AudioException decodeFailure(byte[] bytes) {
        return assertThrows(AudioException.class, () -> decoder.decode(bytes));
    }
}
