package io.github.ser.model;

import io.github.ser.training.SyntheticTables;
import io.github.ser.training.Trainer;
import io.github.ser.training.MlpSettings;
import io.github.ser.training.FeatureTable;
import io.github.ser.training.ClassifierSpec;
import io.github.ser.features.FeatureSets;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** Run in a child JVM by {@link WekaEnvironmentTest}: trains and saves, or loads and classifies, a small model. */
public final class WekaSafetyProbe {

    public static void main(String[] args) throws Exception {
        Path model = Path.of(args[1]);
        FeatureTable table = SyntheticTables.ravdess(FeatureSets.byName("seed"), List.of("calm", "angry"),
                List.of(1, 2), 4, 3);
        if (args[0].equals("train")) {
            ClassifierSpec spec = new ClassifierSpec("mlp", new MlpSettings(4, 5, 0.1, 0.2, false, 1, 1));
            Trainer.train(table, spec, Trainer.Provenance.NONE, Instant.now()).save(model);
        } else {
            ModelArtifact artifact = ModelArtifact.load(model);
            System.out.println(Arrays.toString(artifact.probabilities(table.rows().get(0))));
        }
    }
}
