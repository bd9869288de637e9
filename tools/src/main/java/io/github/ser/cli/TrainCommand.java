package io.github.ser.cli;

import io.github.ser.RepositoryLayout;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.ser.features.FeatureSet;
import io.github.ser.training.ClassifierSpec;
import io.github.ser.training.EvaluationReport;
import io.github.ser.training.FeatureTable;
import io.github.ser.model.ModelArtifact;
import io.github.ser.training.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;

/** {@code ser train}: trains on every clip given and writes the model artifact. */
@Command(name = "train", description = "Train a model on RAVDESS/TESS folders and write the model artifact.")
final class TrainCommand implements Callable<Integer> {

    @Mixin
    TrainingOptions options;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Where to write the artifact. Default: " + RepositoryLayout.ENGINE_MODULE + "/"
                    + RepositoryLayout.MODEL_FILE + ".")
    Path out;

    @Option(names = "--metrics", paramLabel = "REPORT",
            description = "An `ser evaluate --report` file whose summary the model carries.")
    Path metrics;

    @Override
    public Integer call() throws IOException, InterruptedException {
        long start = System.nanoTime();
        FeatureSet featureSet = options.featureSet();
        ClassifierSpec spec = options.spec();
        JsonNode summary = metrics == null ? null : summary(metrics, featureSet, spec);
        FeatureTable table = options.extract(featureSet);
        System.err.println("training " + spec.describe() + " on " + table.size() + " clips");
        ModelArtifact artifact = Trainer.train(table, spec, summary, Instant.now());
        Path target = out != null ? out : SerPaths.defaultModel();
        artifact.save(target);
        System.err.printf("wrote %s (%s, labels %s) in %.0f s%n", target, artifact.version(), artifact.labels(),
                (System.nanoTime() - start) / 1e9);
        return 0;
    }

    /** The report's headline numbers; warns when they were measured with other settings than this model's. */
    private static JsonNode summary(Path report, FeatureSet featureSet, ClassifierSpec spec) throws IOException {
        JsonNode json = Json.MAPPER.readTree(report.toFile());
        if (!featureSet.name().equals(json.path("featureSet").asText())
                || !spec.describe().equals(json.path("classifier").asText())) {
            System.err.println("warning: " + report + " was measured with feature set '"
                    + json.path("featureSet").asText() + "' and classifier '" + json.path("classifier").asText()
                    + "', not the settings of this model");
        }
        return EvaluationReport.summarize(json);
    }
}
