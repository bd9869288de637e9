package io.github.ser.training;

import io.github.ser.model.SpeechDecoder;
import io.github.ser.audio.AudioLimits;
import io.github.ser.features.FeatureSets;
import io.github.ser.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class FeatureTableTest {

    @Test
    void parallelExtractionEqualsSequentialAndKeepsOrder() throws Exception {
        List<LabeledClip> clips = new ArrayList<>(CorpusScanner.scan(TestModels.ravdess().resolve("Actor_07"))
                .subList(0, 12));
        clips.addAll(CorpusScanner.scan(SharedData.datasets().resolve("tess/YAF_fear")).subList(0, 12));
        SpeechDecoder decoder = new SpeechDecoder(AudioLimits.defaults(), 16_000);

        FeatureTable sequential = FeatureTable.extract(clips, FeatureSets.defaultSet(), decoder, 1, m -> { });
        FeatureTable parallel = FeatureTable.extract(clips, FeatureSets.defaultSet(), decoder, 2, m -> { });

        assertEquals(clips, parallel.clips());
        for (int i = 0; i < clips.size(); i++) {
            assertArrayEquals(sequential.rows().get(i), parallel.rows().get(i), 0, clips.get(i).file().toString());
        }
    }

    @Test
    void undecodableClipsAreLeftOutWithTheirReason(@TempDir Path dir) throws Exception {
        Path good = TestModels.ravdess().resolve("Actor_07/03-01-01-01-01-01-07.flac");
        Path bad = Files.writeString(dir.resolve("03-01-02-01-01-01-07.wav"), "not audio");
        List<LabeledClip> clips = List.of(new LabeledClip(bad, "calm", "ravdess-07", LabeledClip.RAVDESS),
                new LabeledClip(good, "neutral", "ravdess-07", LabeledClip.RAVDESS),
                new LabeledClip(dir.resolve("gone.wav"), "calm", "ravdess-07", LabeledClip.RAVDESS));

        FeatureTable table = FeatureTable.extract(clips, FeatureSets.byName("seed"),
                new SpeechDecoder(AudioLimits.defaults(), 16_000), 2, m -> { });

        assertEquals(List.of(clips.get(1)), table.clips());
        assertEquals(2, table.failures().size());
        assertEquals("unsupported_format", table.failures().get(0).code());
        assertEquals("unreadable_file", table.failures().get(1).code());
    }
}
