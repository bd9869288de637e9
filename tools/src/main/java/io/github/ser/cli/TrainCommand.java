package io.github.ser.cli;

import io.github.ser.RepositoryLayout;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ser.features.FeatureSet;
import io.github.ser.training.ClassifierSpec;
import io.github.ser.training.EvaluationReport;
import io.github.ser.training.FeatureTable;
import io.github.ser.training.LabeledClip;
import io.github.ser.model.Calibration;
import io.github.ser.model.ModelArtifact;
import io.github.ser.training.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code ser train}: trains on every clip given and writes the model artifact. */
@Command(name = "train", description = "Train a model on corpus folders and write the model artifact; with "
        + "--metrics, it carries that evaluation's summary and the calibration fitted on its held-out predictions.")
final class TrainCommand implements Callable<Integer> {

    @Mixin
    TrainingOptions options;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Where to write the artifact. Default: " + RepositoryLayout.ENGINE_MODULE + "/"
                    + RepositoryLayout.MODEL_FILE + ".")
    Path out;

    @Option(names = "--metrics", paramLabel = "REPORT",
            description = "An `ser evaluate --report` file (same recipe; repeatable, e.g. one per protocol) whose "
                    + "summary the model carries; its held-out predictions (leave-one-corpus-out if it has them, else "
                    + "speaker-independent) calibrate the model's confidence.")
    List<Path> metrics = new ArrayList<>();

    @Override
    public Integer call() throws IOException, InterruptedException {
        long start = System.nanoTime();
        FeatureSet featureSet = options.featureSet();
        ClassifierSpec spec = options.spec();
        // every option and file is checked before the work (decoding every clip, then training)
        JsonNode report = metrics.isEmpty() ? null : combined(metrics, featureSet, spec);
        Trainer.Provenance provenance = new Trainer.Provenance(
                report == null ? null : EvaluationReport.summarize(report), calibration(report),
                options.foldCalm ? Map.of("calm", "neutral") : Map.of(), options.augmentationSummary());
        Path target = writable(out != null ? out : SerPaths.defaultModel());
        List<LabeledClip> clips = options.clips();
        FeatureTable table = options.extract(featureSet, clips);
        System.err.println("training " + spec.describe() + " on " + table.size() + " clips");
        ModelArtifact artifact = Trainer.train(table, spec, provenance, Instant.now());
        artifact.save(target);
        System.err.printf("wrote %s (%s, labels %s) in %.0f s%n", target, artifact.version(), artifact.labels(),
                (System.nanoTime() - start) / 1e9);
        return 0;
    }

    /** {@code file}, once its folder exists and can be written to. */
    static Path writable(Path file) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        if (!Files.isWritable(folder) || Files.isDirectory(file)) {
            throw new IOException("--out " + file + ": cannot write a file there");
        }
        return file;
    }

    /**
     * The report's calibration: fitted on its leave-one-corpus-out predictions (other corpora are the harder
     * unheard voices), else on its speaker-independent ones; null when it has neither.
     */
    private static Calibration calibration(JsonNode report) throws IOException {
        if (report == null) {
            return null;
        }
        for (String protocol : List.of("leaveOneCorpusOut", "speakerIndependent")) {
            JsonNode c = report.path(protocol).path("calibration");
            if (c.isObject()) {
                return Json.MAPPER.treeToValue(c, Calibration.class);
            }
        }
        return null;
    }

    /** The reports' protocol results side by side (a later report's protocol replaces an earlier one's). */
    private static JsonNode combined(List<Path> reports, FeatureSet featureSet, ClassifierSpec spec)
            throws IOException {
        ObjectNode all = null;
        for (Path path : reports) {
            JsonNode one = report(path, featureSet, spec);
            if (all == null) {
                all = one.deepCopy();
            } else {
                for (String protocol : List.of("speakerIndependent", "leaveOneCorpusOut", "seedProtocol", "corpusTune")) {
                    if (one.has(protocol)) {
                        all.set(protocol, one.get(protocol));
                    }
                }
            }
        }
        return all;
    }

    /** The report; warns when it was measured with other settings than this model's. */
    private static JsonNode report(Path report, FeatureSet featureSet, ClassifierSpec spec) throws IOException {
        JsonNode json = Json.MAPPER.readTree(report.toFile());
        if (!featureSet.name().equals(json.path("featureSet").asText())
                || featureSet.version() != json.path("featureSetVersion").asInt()
                || !spec.describe().equals(json.path("classifier").asText())) {
            System.err.println("warning: " + report + " was measured with feature set '"
                    + json.path("featureSet").asText() + "' and classifier '" + json.path("classifier").asText()
                    + "', not the settings of this model");
        }
        return json;
    }
}
