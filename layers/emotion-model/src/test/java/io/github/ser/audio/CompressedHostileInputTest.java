package io.github.ser.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ser.testing.CompressedClips;
import io.github.ser.testing.CostBound;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compressed files made to cost much (issue 19): each is the clip's fault, answered from its header before the work
 * its header asks for, within a fraction of a second and a few megabytes (generous bounds: the same inputs cost 5 s
 * of CPU, or gigabytes, before); and damage a player would conceal is concealed.
 */
class CompressedHostileInputTest {
    private static final AudioDecoder DECODER = new AudioDecoder(AudioLimits.defaults());
    private static final CostBound CHEAP = new CostBound(300, 30);

    @Test
    void vorbisOf255ChannelsIsRefusedFromItsHeader() throws Exception {
        byte[] ogg = HostileAudio.vorbis255Channels();
        CHEAP.check("51 KB of 255-channel Vorbis", () -> {
            AudioException e = assertThrows(AudioException.class, () -> DECODER.decode(ogg, 16_000));
            assertEquals(AudioErrorCode.UNSUPPORTED_FORMAT, e.code(), e.getMessage());
            assertTrue(e.getMessage().contains("255 channels"), e.getMessage());
        });
    }

    static Stream<Arguments> inflatedCounts() {
        return HostileAudio.M4A_TABLES.stream()
                .flatMap(table -> Stream.of(Arguments.of(table, 1L << 28), Arguments.of(table, 0x7FFFFFF0L)));
    }

    @ParameterizedTest(name = "{0} count {1}")
    @MethodSource("inflatedCounts")
    void m4aTableCountsLargerThanTheirBoxAreCorruptBeforeAnythingIsAllocated(String table, long count) throws Exception {
        byte[] m4a = HostileAudio.m4aWithEntryCount(table, count);
        CHEAP.check(table + " count " + count, () -> {
            AudioException e = assertThrows(AudioException.class, () -> DECODER.decode(m4a, 16_000));
            assertEquals(AudioErrorCode.CORRUPT_AUDIO, e.code(), e.getMessage());
            assertTrue(e.getMessage().contains("'" + table + "' box declares " + count + " entries"), e.getMessage());
        });
    }

    @Test
    void anM4aSampleLargerThanTheFileEndsTheTrackInsteadOfBeingAllocated() throws Exception {
        byte[] m4a = new CompressedClips.Clip("angry-64k.m4a", "audio/mp4").bytes();
        Mp4Box stsz = Mp4Box.file(m4a).find("moov", "trak", "mdia", "minf", "stbl", "stsz");
        int firstSize = stsz.start + 12;
        byte[] huge = {0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xF0};
        System.arraycopy(huge, 0, m4a, firstSize, 4);

        CHEAP.check("a 2 GB sample", () -> {
            AudioException e = assertThrows(AudioException.class, () -> DECODER.decode(m4a, 16_000));
            assertEquals(AudioErrorCode.CORRUPT_AUDIO, e.code(), e.getMessage());
        });
    }

    @Test
    void oneAacFrameTheDecoderCannotDecodeIsConcealedWithSilence() throws Exception {
        byte[] good = new CompressedClips.Clip("angry-64k.m4a", "audio/mp4").bytes();
        List<int[]> frames = frames(good);
        int broken = frames.size() / 2;
        float[] intact = DECODER.decode(good).samples();

        float[] concealed = DECODER.decode(breakFrames(good, frames, List.of(broken))).samples();

        // native rate (16 kHz) and 1024 samples a frame: the broken frame is silent, and from the second frame after
        // it (the first shares its overlap) the clip is what it was
        assertEquals(intact.length, concealed.length);
        assertArrayEquals(new float[1024], Arrays.copyOfRange(concealed, broken * 1024, (broken + 1) * 1024));
        assertArrayEquals(Arrays.copyOfRange(intact, (broken + 2) * 1024, intact.length),
                Arrays.copyOfRange(concealed, (broken + 2) * 1024, intact.length));
        assertArrayEquals(Arrays.copyOfRange(intact, 0, broken * 1024), Arrays.copyOfRange(concealed, 0, broken * 1024));
    }

    @Test
    void aStreamOfBrokenAacFramesIsCorrupt() throws Exception {
        byte[] good = new CompressedClips.Clip("angry-64k.m4a", "audio/mp4").bytes();
        List<int[]> frames = frames(good);
        List<Integer> every = new ArrayList<>();
        for (int i = 0; i < frames.size(); i += 2) {
            every.add(i);          // every other frame: far more than any encoder's bad luck
        }

        AudioException e = assertThrows(AudioException.class, () -> DECODER.decode(breakFrames(good, frames, every)));

        assertEquals(AudioErrorCode.CORRUPT_AUDIO, e.code(), e.getMessage());
    }

    @Test
    void anOggPageWithABadChecksumIsSkippedWithoutAWordOnStderrOrStdout() throws Exception {
        byte[] good = new CompressedClips.Clip("angry-q3.ogg", "audio/ogg").bytes();
        byte[] bad = good.clone();
        bad[bad.length / 2] ^= 0x55;      // inside an audio page: its CRC no longer matches
        float[] intact = DECODER.decode(good).samples();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream err = System.err;
        PrintStream out = System.out;
        AudioClip clip;
        try (PrintStream capture = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            System.setErr(capture);
            System.setOut(capture);
            clip = DECODER.decode(bad);
        } finally {
            System.setErr(err);
            System.setOut(out);
        }

        assertEquals("", printed.toString(StandardCharsets.UTF_8));
        // the page's audio is missing, the rest is there
        assertTrue(clip.samples().length < intact.length && clip.samples().length > intact.length / 2,
                clip.samples().length + " of " + intact.length);
    }

    /** Offset and size of every AAC frame of an M4A, as its sample table gives them. */
    private static List<int[]> frames(byte[] m4a) throws AudioException {
        Mp4Box stbl = Mp4Box.file(m4a).find("moov", "trak", "mdia", "minf", "stbl");
        List<int[]> frames = new ArrayList<>();
        new Mp4SampleTable(stbl, m4a.length).forEach((offset, size) -> frames.add(new int[] {offset, size}));
        return frames;
    }

    /** Each listed frame filled with 0x55 bytes: JAAD refuses it ("too many bands"). */
    private static byte[] breakFrames(byte[] m4a, List<int[]> frames, List<Integer> which) {
        byte[] bad = m4a.clone();
        for (int i : which) {
            Arrays.fill(bad, frames.get(i)[0], frames.get(i)[0] + frames.get(i)[1], (byte) 0x55);
        }
        return bad;
    }
}
