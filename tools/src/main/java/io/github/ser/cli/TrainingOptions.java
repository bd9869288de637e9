package io.github.ser.cli;

import io.github.ser.audio.AudioLimits;
import io.github.ser.features.FeatureSet;
import io.github.ser.features.FeatureSets;
import io.github.ser.training.ClassifierSpec;
import io.github.ser.training.CorpusScanner;
import io.github.ser.training.FeatureTable;
import io.github.ser.training.LabeledClip;
import io.github.ser.training.MlpSettings;
import io.github.ser.model.SpeechDecoder;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Options shared by {@code train} and {@code evaluate}: data, feature set, classifier. */
final class TrainingOptions {

    @Option(names = "--data", required = true, paramLabel = "DIR",
            description = "Folder with RAVDESS and/or TESS clips (repeatable).")
    List<Path> data;

    @Option(names = "--features", defaultValue = "default", paramLabel = "SET",
            description = "Feature set: speech (the improved default), seed (the prototype's 180 numbers) "
                    + "or default. Default: ${DEFAULT-VALUE}.")
    String features;

    @Option(names = "--classifier", defaultValue = "mlp", split = ",", paramLabel = "KIND",
            description = "mlp (shipped), smo or logistic; evaluate takes a comma-separated list to compare them "
                    + "on the same features. Default: ${DEFAULT-VALUE}.")
    List<String> classifiers;

    @Option(names = "--hidden", defaultValue = "" + MlpSettings.DEFAULT_HIDDEN_UNITS, paramLabel = "N",
            description = "MLP hidden units. Default: ${DEFAULT-VALUE}.")
    int hidden;

    @Option(names = "--epochs", defaultValue = "" + MlpSettings.DEFAULT_EPOCHS, paramLabel = "N",
            description = "MLP training epochs. Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--learning-rate", defaultValue = "" + MlpSettings.DEFAULT_LEARNING_RATE, paramLabel = "R",
            description = "MLP learning rate. Default: ${DEFAULT-VALUE}.")
    double learningRate;

    @Option(names = "--momentum", defaultValue = "" + MlpSettings.DEFAULT_MOMENTUM, paramLabel = "M",
            description = "MLP momentum. Default: ${DEFAULT-VALUE}.")
    double momentum;

    @Option(names = "--decay", description = "MLP: divide the learning rate by the epoch number.")
    boolean decay;

    @Option(names = "--seed", defaultValue = "" + MlpSettings.DEFAULT_SEED, paramLabel = "N",
            description = "Random seed for weight initialisation and shuffling. Default: ${DEFAULT-VALUE}.")
    int seed;

    @Option(names = "--balance", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Weight training clips so every class weighs the same (default; --no-balance to turn off).")
    boolean balance;

    @Option(names = "--speeds", defaultValue = "0.9,1.1", split = ",", paramLabel = "S",
            description = "Also train on every training clip played at these speeds (speed perturbation; test clips "
                    + "are never perturbed). 'none' for no augmentation. Default: ${DEFAULT-VALUE}.")
    List<String> speeds;

    @Option(names = "--ensemble", defaultValue = "" + MlpSettings.DEFAULT_ENSEMBLE, paramLabel = "N",
            description = "MLP: average the probabilities of N networks with seeds seed..seed+N-1. "
                    + "Default: ${DEFAULT-VALUE}.")
    int ensemble;

    @Option(names = "--threads", defaultValue = "2", paramLabel = "N",
            description = "Threads for feature extraction and independent folds. Default: ${DEFAULT-VALUE}.")
    int threads;

    FeatureSet featureSet() {
        return FeatureSets.byName("default".equals(features) ? FeatureSets.DEFAULT : features);
    }

    /** The one classifier to train. */
    ClassifierSpec spec() {
        if (classifiers.size() != 1) {
            throw new IllegalArgumentException("give exactly one --classifier to train, not " + classifiers);
        }
        return specs().get(0);
    }

    /** Every classifier asked for, in order. */
    List<ClassifierSpec> specs() {
        MlpSettings mlp = new MlpSettings(hidden, epochs, learningRate, momentum, decay, seed, ensemble);
        return classifiers.stream().map(kind -> new ClassifierSpec(kind.trim(), mlp, balance)).toList();
    }

    List<LabeledClip> clips() throws IOException {
        List<LabeledClip> clips = new ArrayList<>();
        for (Path dir : data) {
            List<LabeledClip> found = CorpusScanner.scan(dir);
            if (found.isEmpty()) {
                throw new IOException("no RAVDESS or TESS clips under " + dir);
            }
            clips.addAll(found);
        }
        List<LabeledClip> augmented = new ArrayList<>(clips);
        for (String speed : speeds) {
            if (!"none".equals(speed.trim())) {
                double factor = Double.parseDouble(speed.trim());
                if (!(factor >= 0.5 && factor <= 2.0)) {
                    throw new IllegalArgumentException("--speeds takes factors between 0.5 and 2, not " + speed);
                }
                clips.forEach(clip -> augmented.add(clip.atSpeed(factor)));
            }
        }
        return augmented;
    }

    /** Decodes and extracts every clip once; failures are reported on stderr and left out. */
    FeatureTable extract(FeatureSet featureSet) throws IOException, InterruptedException {
        List<LabeledClip> clips = clips();
        Map<String, Long> perCorpus = clips.stream().filter(LabeledClip::isOriginal)
                .collect(Collectors.groupingBy(LabeledClip::corpus, TreeMap::new, Collectors.counting()));
        System.err.println("clips: " + perCorpus + " + " + clips.stream().filter(c -> !c.isOriginal()).count()
                + " speed-perturbed training copies; feature set " + featureSet.name() + " v"
                + featureSet.version() + " (" + featureSet.names().size() + " numbers)");
        FeatureTable table = FeatureTable.extract(clips, featureSet, new SpeechDecoder(AudioLimits.defaults()),
                threads, System.err::println);
        for (FeatureTable.Failure failure : table.failures()) {
            System.err.println(Json.error(failure.clip().file().toString(), failure.code(), failure.message()));
        }
        return table;
    }
}
