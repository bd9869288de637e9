package io.github.ser.cli;

import io.github.ser.audio.AudioLimits;
import io.github.ser.features.FeatureSet;
import io.github.ser.features.FeatureSets;
import io.github.ser.training.Augmentation;
import io.github.ser.training.ClassifierSpec;
import io.github.ser.training.FeatureCache;
import io.github.ser.training.TrainingDefaults;
import io.github.ser.training.CorpusScanner;
import io.github.ser.training.FeatureTable;
import io.github.ser.training.GroupNormalisation;
import io.github.ser.training.LabeledClip;
import io.github.ser.training.MlpSettings;
import io.github.ser.model.Emotions;
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
            description = "A corpus folder (repeatable): RAVDESS, TESS, nEMO, ASED, TurEV-DB (recognised from their "
                    + "layout) or any <label>/<file> folder.")
    List<Path> data;

    @Option(names = "--features", defaultValue = "default", paramLabel = "SET",
            description = "Feature set: speech (the shipped model's version: v3, computed from 0-4 kHz), "
                    + "speech:4 (v3 after the clip's steady noise is subtracted; compared, not shipped), speech:1 "
                    + "(the whole band), speech:2, seed (the prototype's 180 numbers) or default. "
                    + "Default: ${DEFAULT-VALUE}.")
    String features;

    @Option(names = "--classifier", defaultValue = TrainingDefaults.CLASSIFIER, split = ",", paramLabel = "KIND",
            description = "mlp+logistic (the MLP networks with a logistic regression beside them that has two "
                    + "thirds of the vote), mlp (the networks alone), smo or logistic; evaluate takes a "
                    + "comma-separated list to compare them on the same features. Default: ${DEFAULT-VALUE}.")
    List<String> classifiers;

    @Option(names = "--ridge", defaultValue = "" + ClassifierSpec.DEFAULT_RIDGE, paramLabel = "R",
            description = "Logistic regression: ridge (L2 penalty). Default: ${DEFAULT-VALUE}.")
    double ridge;

    @Option(names = "--hidden", defaultValue = "" + MlpSettings.DEFAULT_HIDDEN_UNITS, paramLabel = "N",
            description = "MLP hidden units (0: no hidden layer). Default: ${DEFAULT-VALUE}.")
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

    @Option(names = "--normalise", paramLabel = "GROUP",
            description = "Normalise training features within each ${COMPLETION-CANDIDATES} group, so a corpus's "
                    + "microphone or a speaker's voice is no cue; clips to recognise are unchanged. "
                    + "Default: ${DEFAULT-VALUE}.")
    GroupNormalisation normalise = TrainingDefaults.NORMALISATION;

    @Option(names = "--agreed-features", defaultValue = "" + TrainingDefaults.AGREED_FEATURES, paramLabel = "N",
            description = "Let the classifier see only the N features whose link to each emotion points the same "
                    + "way in every training corpus (chosen from the training clips); 0 for all. "
                    + "Default: ${DEFAULT-VALUE}.")
    int agreedFeatures;

    @Option(names = "--balance", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Weight training clips so every class weighs the same (default; --no-balance to turn off).")
    boolean balance;

    @Option(names = "--augment", defaultValue = TrainingDefaults.AUGMENT, split = ",", paramLabel = "A",
            description = "Augmented training copies: speed:F, gain:DB, noise:SNR (pink), telephone, lowpass:HZ, "
                    + "chained with + (test clips are never augmented); 'none' for none. Default: ${DEFAULT-VALUE}.")
    List<String> augment;

    @Option(names = "--copies", defaultValue = "" + TrainingDefaults.COPIES, paramLabel = "K",
            description = "Augmented copies per training clip, drawn from --augment (a fixed choice per file); "
                    + "0 or more than the list = every one. Default: ${DEFAULT-VALUE}.")
    int copies;

    @Option(names = "--fold-calm", negatable = true, defaultValue = "" + TrainingDefaults.FOLD_CALM, fallbackValue = "true",
            description = "Train and score calm as neutral (only RAVDESS and TurEV-DB have calm). "
                    + "Default: ${DEFAULT-VALUE}.")
    boolean foldCalm;

    @Option(names = "--emotions", split = ",", paramLabel = "LABEL",
            description = "Train and test on these emotions only (after --fold-calm); clips of the others are left "
                    + "out, and a trained model knows only these. Default: every label the corpora have.")
    List<String> emotions = List.of();

    @Option(names = "--ignore-features", defaultValue = TrainingDefaults.IGNORED_FEATURES, paramLabel = "REGEX",
            description = "Feature names the classifier does not see (a regular expression; the model still takes "
                    + "the whole vector). Default: '${DEFAULT-VALUE}'.")
    String ignoreFeatures;

    @Option(names = "--cache", paramLabel = "DIR",
            description = "Feature cache folder (per feature set version, clip and augmentation). "
                    + "Default: $SER_FEATURE_CACHE, else ~/.cache/ser/features; 'none' to compute everything.")
    String cache;

    @Option(names = "--ensemble", defaultValue = "" + MlpSettings.DEFAULT_ENSEMBLE, paramLabel = "N",
            description = "MLP: average the probabilities of N networks with seeds seed..seed+N-1. "
                    + "Default: ${DEFAULT-VALUE}.")
    int ensemble;

    @Option(names = "--threads", defaultValue = "2", paramLabel = "N",
            description = "Threads for feature extraction and independent folds. Default: ${DEFAULT-VALUE}.")
    int threads;

    FeatureSet featureSet() {
        return FeatureSets.byName(features);
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
        return classifiers.stream().map(kind -> new ClassifierSpec(kind.trim(), mlp, balance, ignoreFeatures,
                normalise, agreedFeatures, ridge)).toList();
    }

    /** Every labelled recording under {@code --data} (calm folded and emotions chosen as asked), without copies. */
    List<LabeledClip> recordings() throws IOException {
        for (String emotion : emotions) {
            if (!Emotions.ALL.contains(emotion)) {
                throw new IllegalArgumentException("--emotions: '" + emotion + "' is not one of " + Emotions.ALL);
            }
        }
        List<LabeledClip> clips = new ArrayList<>();
        for (Path dir : data) {
            List<LabeledClip> found = CorpusScanner.scan(dir);
            if (found.isEmpty()) {
                throw new IOException("no labelled clips of a known corpus layout under " + dir);
            }
            clips.addAll(selected(found));
        }
        if (clips.isEmpty()) {
            throw new IOException("no clips of the emotions " + emotions + " under " + data);
        }
        return clips;
    }

    /** {@code found} with calm folded and only the chosen emotions, as asked. */
    List<LabeledClip> selected(List<LabeledClip> found) {
        return found.stream().map(c -> foldCalm && "calm".equals(c.emotion()) ? c.relabelled("neutral") : c)
                .filter(c -> emotions.isEmpty() || emotions.contains(c.emotion())).toList();
    }

    /** The recordings and their augmented training copies. */
    List<LabeledClip> clips() throws IOException {
        return withCopies(recordings());
    }

    /** {@code clips} and their augmented training copies. */
    List<LabeledClip> withCopies(List<LabeledClip> clips) {
        List<Augmentation> pool = Augmentation.forTraining(augment);
        List<LabeledClip> augmented = new ArrayList<>(clips);
        for (LabeledClip clip : clips) {
            for (Augmentation a : Augmentation.choose(pool, copies <= 0 ? pool.size() : copies, clip.file())) {
                augmented.add(clip.augmented(a));
            }
        }
        return augmented;
    }

    /** The augmentation recipe in words, for the model's manifest. */
    String augmentationSummary() {
        List<Augmentation> pool = Augmentation.parseList(augment);
        if (pool.isEmpty()) {
            return "none";
        }
        int k = copies <= 0 ? pool.size() : Math.min(copies, pool.size());
        return k + " of " + pool.stream().map(Augmentation::spec).collect(Collectors.joining(", ")) + " per recording";
    }

    FeatureCache openCache(FeatureSet featureSet) throws IOException {
        String dir = cache != null ? cache : System.getenv().getOrDefault("SER_FEATURE_CACHE",
                Path.of(System.getProperty("user.home"), ".cache", "ser", "features").toString());
        return "none".equals(dir) ? FeatureCache.none() : FeatureCache.open(Path.of(dir), featureSet);
    }

    /** Decodes and extracts every clip of {@link #clips()} once; failures are reported on stderr and left out. */
    FeatureTable extract(FeatureSet featureSet, List<LabeledClip> clips) throws IOException, InterruptedException {
        Map<String, Long> perCorpus = clips.stream().filter(LabeledClip::isOriginal)
                .collect(Collectors.groupingBy(LabeledClip::corpus, TreeMap::new, Collectors.counting()));
        System.err.println("clips: " + perCorpus + " + " + clips.stream().filter(c -> !c.isOriginal()).count()
                + " augmented training copies; feature set " + featureSet.name() + " v"
                + featureSet.version() + " (" + featureSet.names().size() + " numbers)");
        return decode(featureSet, clips);
    }

    /** The recordings among {@code clips} as the phone protocol tests them ({@link Augmentation#PHONE_TEST}). */
    FeatureTable extractPhoneTests(FeatureSet featureSet, List<LabeledClip> clips)
            throws IOException, InterruptedException {
        System.err.println("phone-degraded test copies of every recording");
        return decode(featureSet, clips.stream().filter(LabeledClip::isOriginal)
                .map(c -> c.augmented(Augmentation.PHONE_TEST)).toList());
    }

    private FeatureTable decode(FeatureSet featureSet, List<LabeledClip> clips)
            throws IOException, InterruptedException {
        FeatureTable table;
        try (FeatureCache featureCache = openCache(featureSet)) {
            table = FeatureTable.extract(clips, featureSet,
                    new SpeechDecoder(AudioLimits.defaults(), featureSet.sampleRate()), featureCache, threads,
                    System.err::println);
        }
        for (FeatureTable.Failure failure : table.failures()) {
            System.err.println(Json.error(failure.clip().file().toString(), failure.code(), failure.message()));
        }
        return table;
    }
}
