package io.github.ser.training;

import io.github.ser.audio.AudioLimits;
import io.github.ser.features.FeatureSet;
import io.github.ser.features.FeatureSets;
import io.github.ser.model.SpeechDecoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FeatureCacheTest {

    private static final FeatureSet SEED = FeatureSets.byName("seed");

    @Test
    void aSecondRunReadsTheRowsTheFirstComputed(@TempDir Path dir) throws Exception {
        LabeledClip clip = new LabeledClip(TestModels.ravdess().resolve("Actor_03/03-01-05-02-01-01-03.flac"),
                "angry", "ravdess-03", LabeledClip.RAVDESS);
        List<LabeledClip> clips = List.of(clip, clip.augmented(new Augmentation("speed:1.1")));
        SpeechDecoder decoder = new SpeechDecoder(AudioLimits.defaults(), SEED.sampleRate());

        FeatureTable first;
        Path file;
        try (FeatureCache cache = FeatureCache.open(dir, SEED)) {
            first = FeatureTable.extract(clips, SEED, decoder, cache, 1, m -> { });
            assertEquals(2, cache.size());
            file = cache.file().orElseThrow();
        }
        try (FeatureCache cache = FeatureCache.open(dir, SEED)) {
            assertEquals(2, cache.size(), "both rows persisted, keyed apart by augmentation");
            assertArrayEquals(first.rows().get(1), cache.get(clips.get(1)).orElseThrow());
            FeatureTable second = FeatureTable.extract(clips, SEED, decoder, cache, 1, m -> { });
            assertArrayEquals(first.rows().get(0), second.rows().get(0));
        }
        assertTrue(Files.exists(file), "one file per feature set, version and fingerprint");
        assertEquals("seed-v1-" + FeatureCache.fingerprint(SEED) + ".bin", file.getFileName().toString());
    }

    @Test
    void aRunKilledMidEntryLosesOnlyThatEntry(@TempDir Path dir) throws Exception {
        Path file = Files.createTempFile(dir, "clip", ".wav");
        LabeledClip a = new LabeledClip(file, "sad", "x", "folders");
        LabeledClip b = a.augmented(new Augmentation("noise:20"));
        double[] row = new double[SEED.names().size()];
        row[3] = 7;
        Path bin;
        try (FeatureCache cache = FeatureCache.open(dir, SEED)) {
            cache.put(a, row);
            bin = cache.file().orElseThrow();
        }
        byte[] whole = Files.readAllBytes(bin);
        Files.write(bin, java.util.Arrays.copyOf(whole, whole.length + 40)); // half an entry of zeros

        try (FeatureCache cache = FeatureCache.open(dir, SEED)) {
            assertEquals(7, cache.get(a).orElseThrow()[3]);
            cache.put(b, row);
        }
        try (FeatureCache cache = FeatureCache.open(dir, SEED)) {
            assertEquals(2, cache.size(), "the entry appended after the cut is readable");
        }
    }

    @Test
    void twoRunsAppendingToOneFileKeepEveryEntryWhole(@TempDir Path dir) throws Exception {
        Path file = Files.createTempFile(dir, "clip", ".wav");
        int width = SEED.names().size();
        // enough entries that each run's writes exceed an output buffer: buffered appends used to interleave mid-entry
        int each = 40;
        try (FeatureCache first = FeatureCache.open(dir, SEED); FeatureCache second = FeatureCache.open(dir, SEED)) {
            for (int i = 1; i <= each; i++) {
                first.put(copy(file, "gain:" + i / 2.0), row(width, i));
                second.put(copy(file, "gain:-" + i / 2.0), row(width, -i));
            }
        }
        try (FeatureCache cache = FeatureCache.open(dir, SEED)) {
            assertEquals(2 * each, cache.size());
            for (int i = 1; i <= each; i++) {
                assertArrayEquals(row(width, i), cache.get(copy(file, "gain:" + i / 2.0)).orElseThrow());
                assertArrayEquals(row(width, -i), cache.get(copy(file, "gain:-" + i / 2.0)).orElseThrow());
            }
        }
    }

    @Test
    void bytesThatAreNoEntryAreCutOffAndLaterEntriesKept(@TempDir Path dir) throws Exception {
        Path file = Files.createTempFile(dir, "clip", ".wav");
        double[] row = row(SEED.names().size(), 3);
        Path bin;
        try (FeatureCache cache = FeatureCache.open(dir, SEED)) {
            cache.put(copy(file, "none"), row);
            bin = cache.file().orElseThrow();
        }
        // a key of two bytes that are not modified UTF-8, as two runs' interleaved writes once left
        Files.write(bin, new byte[] {0, 2, (byte) 0xff, (byte) 0xff, 1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);

        try (FeatureCache cache = FeatureCache.open(dir, SEED)) {
            assertArrayEquals(row, cache.get(copy(file, "none")).orElseThrow());
            cache.put(copy(file, "noise:20"), row);
        }
        try (FeatureCache cache = FeatureCache.open(dir, SEED)) {
            assertEquals(2, cache.size(), "the entry appended after the cut is readable");
        }
    }

    @Test
    void aCutAfterAnEntryWhosePathIsOutsideTheBasicPlaneKeepsThatEntryWhole(@TempDir Path dir) throws Exception {
        Path file = Files.createFile(dir.resolve("clip-\uD83C\uDFA4-\u00e9.wav")); // a microphone emoji and an é
        double[] row = row(SEED.names().size(), 5);
        Path bin;
        try (FeatureCache cache = FeatureCache.open(dir, SEED)) {
            cache.put(copy(file, "none"), row);
            bin = cache.file().orElseThrow();
        }
        Files.write(bin, new byte[] {0, 2, (byte) 0xff, (byte) 0xff}, java.nio.file.StandardOpenOption.APPEND);

        try (FeatureCache cache = FeatureCache.open(dir, SEED)) {
            cache.put(copy(file, "noise:20"), row);
        }
        try (FeatureCache cache = FeatureCache.open(dir, SEED)) {
            assertEquals(2, cache.size(), "the cut fell between entries, not inside the first");
            assertArrayEquals(row, cache.get(copy(file, "none")).orElseThrow());
        }
    }

    private static LabeledClip copy(Path file, String augmentation) {
        return new LabeledClip(file, "sad", "x", "folders").augmented(new Augmentation(augmentation));
    }

    private static double[] row(int width, double value) {
        double[] row = new double[width];
        java.util.Arrays.fill(row, value);
        return row;
    }

    @Test
    void theFingerprintFollowsWhatTheCodeComputesNotOnlyItsVersion() {
        FeatureSet v1 = FeatureSets.byName("speech:1");
        FeatureSet v2 = FeatureSets.byName("speech:2");

        assertEquals(FeatureCache.fingerprint(SEED), FeatureCache.fingerprint(FeatureSets.byName("seed")));
        assertTrue(FeatureCache.fingerprint(SEED).matches("[0-9a-f]{8}"));
        assertTrue(!FeatureCache.fingerprint(v1).equals(FeatureCache.fingerprint(v2)));
    }

    @Test
    void aChangedFileMisses(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("clip.wav"), "one");
        LabeledClip clip = new LabeledClip(file, "sad", "x", "folders");
        try (FeatureCache cache = FeatureCache.open(dir, SEED)) {
            cache.put(clip, new double[SEED.names().size()]);
            assertTrue(cache.get(clip).isPresent());
            Files.writeString(file, "longer content");
            assertTrue(cache.get(clip).isEmpty());
        }
    }
}
