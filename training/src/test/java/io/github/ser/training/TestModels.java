package io.github.ser.training;

import io.github.ser.model.SpeechDecoder;
import io.github.ser.audio.AudioLimits;
import io.github.ser.features.FeatureSets;
import io.github.ser.testing.SharedData;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * A small real model for tests of the serving path: seed features of two RAVDESS actors (120 clips, 8 emotions),
 * a tiny MLP. Trained once per test JVM and saved to a temporary file.
 */
public final class TestModels {

    private static Path small;

    private TestModels() {
    }

    public static synchronized Path smallRavdessModel() {
        if (small == null) {
            try {
                List<LabeledClip> clips = CorpusScanner.scan(ravdess()).stream()
                        .filter(c -> c.ravdessActor() <= 2).toList();
                FeatureTable table = FeatureTable.extract(clips, FeatureSets.byName("seed"),
                        new SpeechDecoder(AudioLimits.defaults(), 16_000), 2, m -> { });
                ClassifierSpec spec = new ClassifierSpec("mlp", new MlpSettings(16, 30, 0.1, 0.2, false, 1, 1));
                Path file = Files.createTempDirectory("ser-test-model").resolve("small.zip");
                Trainer.train(table, spec, Trainer.Provenance.NONE, Instant.now()).save(file);
                file.toFile().deleteOnExit();
                file.getParent().toFile().deleteOnExit();
                small = file;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return small;
    }

    public static Path ravdess() {
        return SharedData.datasets().resolve("ravdess-speech-16k");
    }
}
