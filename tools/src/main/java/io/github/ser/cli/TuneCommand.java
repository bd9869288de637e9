package io.github.ser.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ser.backfill.S3Folder;
import io.github.ser.backfill.S3Location;
import io.github.ser.features.FeatureSet;
import io.github.ser.model.ModelArtifact;
import io.github.ser.training.ClassifierSpec;
import io.github.ser.training.FeatureTable;
import io.github.ser.training.LabeledClip;
import io.github.ser.training.Scores;
import io.github.ser.training.Trainer;
import io.github.ser.training.TuneProtocol;
import io.github.ser.training.UserClips;
import io.micronaut.context.ApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code ser tune}: the default recipe trained on the corpora plus the user's labelled clips, which weigh w times a
 * corpus's share ({@link TuneProtocol}); reports before and after on the user's held-out clips.
 */
@Command(name = "tune", description = "Tune a model to your voices: train the default recipe on the corpora (--data) "
        + "plus your labelled clips (--clips, <label>/<file>), your clips weighing w times a corpus with w chosen on "
        + "held-out clips of yours; print before/after on them and write the model (it loads like the default one).")
final class TuneCommand implements Callable<Integer> {

    @Mixin
    TrainingOptions options;

    @Mixin
    S3Access s3;

    @Option(names = "--clips", required = true, paramLabel = "DIR|s3://BUCKET/PREFIX/",
            description = "Your labelled clips (repeatable): <label>/<file> or <speaker>/<label>/<file>, optional "
                    + "speakers.tsv (file<TAB>speaker) at the root; a folder or an S3 prefix such as "
                    + "s3://clips/labelled/ (with --endpoint for the local stack).")
    List<String> clips;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the tuned model.")
    Path out;

    @Option(names = "--model", paramLabel = "FILE",
            description = "The model to compare with (before). Default: $SER_MODEL_PATH, else the shipped "
                    + "layers/emotion-model/model/emotion-model.zip.")
    Path model;

    @Option(names = "--weights", split = ",", paramLabel = "W",
            description = "Weights tried for your clips (comma-separated). Default: ${DEFAULT-VALUE}.")
    List<Double> weights = TuneProtocol.WEIGHTS;

    @Override
    public Integer call() throws IOException, InterruptedException {
        long start = System.nanoTime();
        FeatureSet featureSet = options.featureSet();
        ClassifierSpec spec = options.spec();
        Path beforePath = model != null ? model : SerPaths.defaultModel();
        ModelArtifact before = ModelArtifact.load(beforePath); // options, files and the model are checked first
        Path target = TrainCommand.writable(out);
        List<Path> downloads = new ArrayList<>();
        try {
            List<LabeledClip> yours = new ArrayList<>();
            for (String source : clips) {
                yours.addAll(options.selected(UserClips.scan(local(source, downloads))));
            }
            if (yours.isEmpty()) {
                throw new IOException("no clips of the chosen emotions under " + clips);
            }
            List<LabeledClip> all = new ArrayList<>(options.clips());
            all.addAll(options.withCopies(yours));
            FeatureTable table = options.extract(featureSet, all);
            List<LabeledClip> recordings = table.clips().stream()
                    .filter(c -> c.isOriginal() && UserClips.CORPUS.equals(c.corpus())).toList();
            TuneProtocol.Split split = TuneProtocol.split(recordings, TuneProtocol.HELD_OUT, TuneProtocol.SEED);
            FeatureTable heldOut = table.filter(c -> c.isOriginal() && split.isHeldOut(c));
            System.out.printf("Your clips: %d (%s), %s; %d held out (%s, seed %d)%n", recordings.size(),
                    TuneProtocol.counts(recordings), split.bySpeaker() ? recordings.stream()
                            .map(LabeledClip::speaker).distinct().count() + " speakers" : "speakers unknown",
                    heldOut.size(), split.bySpeaker() ? "whole speakers" : "by file", TuneProtocol.SEED);
            Scores beforeScores = TuneProtocol.score(before, sameFeatures(before, featureSet) ? heldOut
                    : options.extract(before.featureSet(), heldOut.clips()));
            TuneProtocol.Choice choice = TuneProtocol.chooseWeight(spec, table.filter(c -> !split.isHeldOut(c)),
                    heldOut, weights, options.threads, System.err::println);
            TuneReport.print(choice, before.version(), beforeScores, TuneProtocol.warnings(recordings, split),
                    System.out);

            JsonNode tuning = Json.MAPPER.valueToTree(Map.of("tuning",
                    TuneProtocol.summary(recordings, split, choice, before.version(), beforeScores)));
            // the recipe's calibration (fitted on its held-out corpora) still describes its confidence
            boolean sameRecipe = spec.describe().equals(before.manifest().classifier());
            Trainer.Provenance provenance = new Trainer.Provenance(tuning,
                    sameRecipe ? before.manifest().calibration() : null,
                    options.foldCalm ? Map.of("calm", "neutral") : Map.of(), options.augmentationSummary(), "tuned");
            System.err.println("training the tuned model on " + table.size() + " clips (w=" + choice.weight() + ")");
            ModelArtifact tuned = Trainer.train(table, spec, provenance, Instant.now(),
                    Map.of(UserClips.CORPUS, choice.weight()));
            tuned.save(target);
            System.out.printf("%nwrote %s (%s) in %.0f s%n", target, tuned.version(),
                    (System.nanoTime() - start) / 1e9);
            return 0;
        } finally {
            for (Path dir : downloads) {
                deleteTree(dir);
            }
        }
    }

    /** A folder of clips: {@code source} itself, or an S3 prefix downloaded into a new temporary folder. */
    private Path local(String source, List<Path> downloads) throws IOException {
        if (!source.startsWith("s3://")) {
            return Path.of(source);
        }
        S3Location where = S3Location.parse(source);
        Path dir = Files.createTempDirectory("ser-tune-");
        downloads.add(dir);
        try (ApplicationContext context = s3.start()) {
            int n = S3Folder.download(context.getBean(S3Client.class), where, dir);
            System.err.println("downloaded " + n + " objects from " + where);
        }
        return dir;
    }

    private static boolean sameFeatures(ModelArtifact model, FeatureSet featureSet) {
        return model.featureSet().name().equals(featureSet.name())
                && model.featureSet().version() == featureSet.version();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
