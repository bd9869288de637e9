package io.github.ser.training;

import io.github.ser.dsp.ArgMax;
import io.github.ser.features.FeatureMoments;
import weka.classifiers.Classifier;
import weka.core.Instances;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Predicate;

import static io.github.ser.dsp.FrameStatistics.mean;
import static io.github.ser.dsp.FrameStatistics.std;

/**
 * The two evaluation protocols. Every model is trained only on its training clips; nothing about test actors or
 * test clips informs any setting (classifier settings are fixed before the run). Independent folds and seeds run
 * in parallel, one single-threaded Weka model per task.
 */
public final class Evaluator {

    /** The prototype's four classes. */
    public static final List<String> SEED_PROTOCOL_LABELS = List.of("calm", "happy", "fearful", "disgust");
    public static final double SEED_PROTOCOL_TEST_FRACTION = 0.25;

    private final ClassifierSpec spec;
    private final int threads;
    private final Consumer<String> progress;

    public Evaluator(ClassifierSpec spec, int threads, Consumer<String> progress) {
        this.spec = spec;
        this.threads = Math.max(1, threads);
        this.progress = progress;
    }

    /**
     * Each fold tests on the original recordings of its RAVDESS actors and trains on all other clips of the table
     * (other actors and their augmented copies, and every clip of other corpora such as TESS). Scores are pooled over
     * all test predictions. The held-out distributions also calibrate, as in {@link #leaveOneCorpusOut}: each fold's
     * error is measured under a temperature fitted on the other folds, and the model's calibration is fitted on all.
     */
    public EvaluationReport.SpeakerIndependent speakerIndependent(FeatureTable table, RavdessFolds folds)
            throws InterruptedException {
        List<String> labels = table.labels();
        List<Callable<FoldOutcome>> tasks = new ArrayList<>();
        for (int f = 0; f < folds.size(); f++) {
            int fold = f;
            List<Integer> actors = folds.testActors().get(f);
            Predicate<LabeledClip> isTest = clip -> actors.contains(clip.ravdessActor());
            tasks.add(() -> {
                FeatureTable train = table.filter(isTest.negate());
                FeatureTable test = table.filter(isTest.and(LabeledClip::isOriginal));
                if (test.size() == 0) { // e.g. a subset of RAVDESS without these actors
                    progress.accept("fold " + (fold + 1) + ": no clips of actors " + actors + ", skipped");
                    return new FoldOutcome(fold, train.size(), test, new double[0][]);
                }
                double[][] p = trainAndScore(spec, labels, train, test);
                progress.accept("fold " + (fold + 1) + "/" + folds.size() + " done");
                return new FoldOutcome(fold, train.size(), test, p);
            });
        }
        List<FoldOutcome> outcomes = runAll(tasks).stream().filter(o -> o.test().size() > 0).toList();
        List<double[][]> scored = outcomes.stream().map(FoldOutcome::probabilities).toList();
        List<FeatureTable> tests = outcomes.stream().map(FoldOutcome::test).toList();
        List<EvaluationReport.Fold> foldReports = new ArrayList<>();
        for (int k = 0; k < outcomes.size(); k++) {
            FoldOutcome o = outcomes.get(k);
            int[] truth = truth(labels, o.test());
            Scores s = Scores.of(labels, truth, argmaxes(o.probabilities()));
            foldReports.add(new EvaluationReport.Fold(o.fold() + 1, folds.testActors().get(o.fold()), o.trainClips(),
                    truth.length, s.accuracy(), s.ua(), calibrationOnHeldOut(scored, tests, labels, k)));
        }
        Pooled all = pool(scored, tests, labels, -1);
        Scores pooled = Scores.of(labels, all.truth(), argmaxes(all.probabilities()));
        return new EvaluationReport.SpeakerIndependent(
                "RAVDESS speaker-independent " + folds.size() + "-fold CV (test actors from ravdess-folds.json; "
                        + "training = other actors + all non-RAVDESS clips), " + labels.size()
                        + " classes, pooled over all test predictions",
                pooled.accuracy(), pooled.ua(), pooled.perClassRecall(), labels, pooled.count(),
                pooled.confusion(), foldReports,
                all.truth().length == 0 ? null : CalibrationFit.fit(all.probabilities(), all.truth()));
    }

    /**
     * The prototype's protocol: RAVDESS only, four classes, a random stratified 75/25 split per seed; mean and
     * population standard deviation over seeds. Speakers overlap between train and test, so this flatters.
     */
    public EvaluationReport.SeedProtocol seedProtocol(FeatureTable table, List<Integer> seeds)
            throws InterruptedException {
        // the prototype's protocol uses the recordings as they are (augmented copies would leak across its split)
        FeatureTable subset = table.filter(clip -> clip.isOriginal() && LabeledClip.RAVDESS.equals(clip.corpus())
                && SEED_PROTOCOL_LABELS.contains(clip.emotion()));
        List<String> labels = subset.labels();
        List<Callable<EvaluationReport.SeedRun>> tasks = new ArrayList<>();
        for (int seed : seeds) {
            tasks.add(() -> {
                boolean[] isTest = stratifiedTestMask(subset, seed);
                FeatureTable train = subset.select(i -> !isTest[i]);
                FeatureTable test = subset.select(i -> isTest[i]);
                int[] predicted = trainAndPredict(spec.withSeed(seed), labels, train, test);
                Scores s = Scores.of(labels, truth(labels, test), predicted);
                progress.accept("seed " + seed + ": accuracy " + Math.round(s.accuracy() * 1000) / 10.0 + "%");
                return new EvaluationReport.SeedRun(seed, train.size(), test.size(), s.accuracy(), s.ua());
            });
        }
        List<EvaluationReport.SeedRun> runs = runAll(tasks);
        double[] acc = runs.stream().mapToDouble(EvaluationReport.SeedRun::accuracy).toArray();
        double[] ua = runs.stream().mapToDouble(EvaluationReport.SeedRun::ua).toArray();
        return new EvaluationReport.SeedProtocol(
                "RAVDESS only, " + labels + ", random stratified "
                        + Math.round((1 - SEED_PROTOCOL_TEST_FRACTION) * 100) + "/"
                        + Math.round(SEED_PROTOCOL_TEST_FRACTION * 100) + " split per seed (speakers overlap)",
                labels, SEED_PROTOCOL_TEST_FRACTION, mean(acc), std(acc), mean(ua), std(ua), runs);
    }

    /** For each class, a seeded shuffle puts ceil(25%) of its clips in the test set. */
    static boolean[] stratifiedTestMask(FeatureTable table, int seed) {
        Random random = new Random(seed);
        boolean[] mask = new boolean[table.size()];
        for (String label : table.labels()) {
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < table.size(); i++) {
                if (table.clips().get(i).emotion().equals(label)) {
                    members.add(i);
                }
            }
            Collections.shuffle(members, random);
            int testCount = (int) Math.ceil(members.size() * SEED_PROTOCOL_TEST_FRACTION);
            members.subList(0, testCount).forEach(i -> mask[i] = true);
        }
        return mask;
    }

    private static int[] trainAndPredict(ClassifierSpec spec, List<String> labels, FeatureTable train,
                                         FeatureTable test) throws Exception {
        double[][] p = trainAndScore(spec, labels, train, test);
        int[] predicted = new int[p.length];
        for (int i = 0; i < predicted.length; i++) {
            predicted[i] = ArgMax.of(p[i]);
        }
        return predicted;
    }

    /** The trained classifier's distribution (over {@code labels}) for every test clip. */
    private static double[][] trainAndScore(ClassifierSpec spec, List<String> labels, FeatureTable train,
                                            FeatureTable test) throws Exception {
        return trainAndScore(spec, labels, train, Map.of(), test);
    }

    /**
     * As above, the clips of {@code factors}' corpora weighing more ({@link TrainingWeights#balanced(List, Map)}):
     * the tuning protocols ({@link TuneProtocol}).
     */
    static double[][] trainAndScore(ClassifierSpec spec, List<String> labels, FeatureTable train,
                                    Map<String, Double> factors, FeatureTable test) throws Exception {
        return trainAndScoreSets(spec, labels, train, factors, List.of(new TestSet(test, null))).get(0);
    }

    /**
     * Clips to score, and the moments of the collection they come from when they are first aligned onto the
     * training scale ({@link FeatureMoments#align}; null to score them as they are).
     */
    private record TestSet(FeatureTable clips, FeatureMoments collection) {
    }

    private static List<double[][]> trainAndScoreSets(ClassifierSpec spec, List<String> labels, FeatureTable train,
                                                      Map<String, Double> factors, List<TestSet> tests)
            throws Exception {
        ClassifierSpec chosen = spec.forTraining(train);
        Instances trainingData = Trainer.trainingInstances(chosen, labels, train, factors);
        Classifier classifier = Trainer.fit(chosen, trainingData);
        // the training scale, only when some test set is aligned onto it
        FeatureMoments trained = tests.stream().anyMatch(t -> t.collection() != null)
                ? Trainer.moments(trainingData) : null;
        List<double[][]> out = new ArrayList<>();
        for (TestSet set : tests) {
            FeatureTable test = set.clips();
            List<double[]> rows = set.collection() == null ? test.rows()
                    : test.rows().stream().map(row -> set.collection().align(row, trained)).toList();
            Instances testData = Trainer.instances(test.featureSet(), labels, rows, test.clips());
            double[][] p = new double[testData.numInstances()][];
            for (int i = 0; i < p.length; i++) {
                p[i] = classifier.distributionForInstance(testData.instance(i));
            }
            out.add(p);
        }
        return out;
    }

    /**
     * Leave-one-corpus-out: for each corpus, a model trained on all the others (with their augmented copies) is
     * tested on that corpus's recordings. Scored twice per corpus: UA over all the labels the corpus has, and UA4
     * over angry, happy, neutral and sad (argmax over those four probabilities, clips of those four labels). The
     * held-out distributions also give the calibration: a temperature fitted on the other corpora's predictions is
     * measured on each corpus in turn (cross-fitted, so the reported error is out of sample).
     */
    public EvaluationReport.LeaveOneCorpusOut leaveOneCorpusOut(FeatureTable table) throws InterruptedException {
        return leaveOneCorpusOut(table, Set.of());
    }

    /**
     * As {@link #leaveOneCorpusOut(FeatureTable)}, but models learn only from {@code trainingCorpora} (all corpora
     * when empty); a corpus with nothing left to train on is not scored. With {@code ravdess} alone this measures how
     * a RAVDESS-only recipe transfers to every other corpus, on the same footing as the multi-corpus one.
     */
    public EvaluationReport.LeaveOneCorpusOut leaveOneCorpusOut(FeatureTable table, Set<String> trainingCorpora)
            throws InterruptedException {
        return leaveOneCorpusOut(table, List.of(new TestCondition("", table.filter(LabeledClip::isOriginal))),
                trainingCorpora).get(0);
    }

    /**
     * What a held-out corpus is tested on: its recordings, or copies of them under some condition (e.g. degraded
     * by {@link PhoneDegradation}).
     *
     * @param description    how the test clips differ from the recordings, for the protocol line ("" for none)
     * @param clips          the test clips of every corpus
     * @param standardisedBy when not null, each corpus's test clips are first aligned onto the training scale with
     *                       the moments of this sample of them (what a deployment learns from its own traffic,
     *                       {@link FeatureMoments#align}); no label is used for that
     */
    public record TestCondition(String description, FeatureTable clips, CollectionSample standardisedBy) {

        /** The clips as they are. */
        public TestCondition(String description, FeatureTable clips) {
            this(description, clips, null);
        }
    }

    /**
     * As {@link #leaveOneCorpusOut(FeatureTable, Set)}, with one result per test condition: each held-out corpus's
     * model is trained once (on {@code table}'s other corpora) and scored on that corpus's clips of every condition.
     */
    public List<EvaluationReport.LeaveOneCorpusOut> leaveOneCorpusOut(FeatureTable table,
                                                                     List<TestCondition> conditions,
                                                                     Set<String> trainingCorpora)
            throws InterruptedException {
        List<String> labels = table.labels();
        Predicate<String> learnsFrom = corpus -> trainingCorpora.isEmpty() || trainingCorpora.contains(corpus);
        List<String> present = table.clips().stream().filter(LabeledClip::isOriginal).map(LabeledClip::corpus)
                .distinct().sorted().toList();
        if (!present.containsAll(trainingCorpora)) {
            throw new IllegalArgumentException("cannot train on " + trainingCorpora + ": the corpora given are "
                    + present);
        }
        List<String> corpora = present.stream()
                .filter(held -> present.stream().anyMatch(other -> !other.equals(held) && learnsFrom.test(other)))
                .toList();
        if (corpora.isEmpty() || present.size() < 2) {
            throw new IllegalArgumentException("leave-one-corpus-out needs a corpus to train on and another to test "
                    + "on, got " + present + (trainingCorpora.isEmpty() ? "" : " training on " + trainingCorpora));
        }
        List<Callable<List<double[][]>>> tasks = new ArrayList<>();
        List<List<FeatureTable>> heldOut = new ArrayList<>(); // per corpus, its clips under each condition
        for (String corpus : corpora) {
            FeatureTable train = table.filter(c -> !c.corpus().equals(corpus) && learnsFrom.test(c.corpus()));
            List<TestSet> tests = conditions.stream().map(condition -> {
                FeatureTable clips = condition.clips().filter(c -> c.corpus().equals(corpus));
                return new TestSet(clips, condition.standardisedBy() == null ? null
                        : FeatureMoments.of(condition.standardisedBy().draw(clips).rows()));
            }).toList();
            heldOut.add(tests.stream().map(TestSet::clips).toList());
            tasks.add(() -> {
                List<double[][]> p = trainAndScoreSets(spec, labels, train, Map.of(), tests);
                progress.accept("held out " + corpus + " (" + tests.get(0).clips().size() + " clips) done");
                return p;
            });
        }
        List<List<double[][]>> scored = runAll(tasks);
        List<EvaluationReport.LeaveOneCorpusOut> results = new ArrayList<>();
        for (int c = 0; c < conditions.size(); c++) {
            int condition = c;
            results.add(heldOutScores(corpora, scored.stream().map(p -> p.get(condition)).toList(),
                    heldOut.stream().map(tests -> tests.get(condition)).toList(),
                    labels, trainingCorpora, conditions.get(condition).description()));
        }
        return results;
    }

    /** The scores of held-out corpus {@code corpora[k]}'s clips {@code heldOut[k]}, predicted {@code scored[k]}. */
    private static EvaluationReport.LeaveOneCorpusOut heldOutScores(List<String> corpora, List<double[][]> scored,
                                                                    List<FeatureTable> heldOut, List<String> labels,
                                                                    Set<String> trainingCorpora, String condition) {
        List<EvaluationReport.HeldOutCorpus> perCorpus = new ArrayList<>();
        for (int k = 0; k < corpora.size(); k++) {
            int[] truth = truth(labels, heldOut.get(k));
            double[][] p = scored.get(k);
            Scores all = Scores.of(labels, truth, argmaxes(p));
            Scores four = fourClass(labels, truth, p);
            perCorpus.add(new EvaluationReport.HeldOutCorpus(corpora.get(k), truth.length, all.accuracy(), all.ua(),
                    four.ua(), four.count(), all.perClassRecall(), all.labels(), all.confusion(),
                    calibrationOnHeldOut(scored, heldOut, labels, k)));
        }
        double ua4 = perCorpus.stream().mapToDouble(EvaluationReport.HeldOutCorpus::ua4).average().orElse(0);
        double ua = perCorpus.stream().mapToDouble(EvaluationReport.HeldOutCorpus::ua).average().orElse(0);
        Pooled all = pool(scored, heldOut, labels, -1);
        return new EvaluationReport.LeaveOneCorpusOut(
                "leave-one-corpus-out over " + corpora + ": train on all the other corpora"
                        + (trainingCorpora.isEmpty() ? "" : " among " + new TreeSet<>(trainingCorpora))
                        + " (with augmented copies), test on the held-out corpus's recordings" + condition + "; "
                        + "ua4 = UA over angry/happy/neutral/sad (calm counted as neutral), argmax "
                        + "over those four probabilities; mean = unweighted mean over corpora",
                condition, perCorpus, new EvaluationReport.CorpusMean(ua4, ua), labels,
                CalibrationFit.fit(all.probabilities(), all.truth()), all.probabilities(), all.truth());
    }

    /**
     * The ECE on held-out corpus {@code k} before and after a temperature fitted on the other corpora; null when no
     * other corpus was scored (the temperature would be fitted on nothing).
     */
    private static EvaluationReport.CalibrationCheck calibrationOnHeldOut(List<double[][]> scored,
                                                                         List<FeatureTable> tests,
                                                                         List<String> labels, int k) {
        if (scored.size() < 2) {
            return null;
        }
        Pooled others = pool(scored, tests, labels, k);
        io.github.ser.model.Calibration c = CalibrationFit.fit(others.probabilities(), others.truth());
        double[][] p = scored.get(k);
        double[][] calibrated = new double[p.length][];
        for (int i = 0; i < p.length; i++) {
            calibrated[i] = c.apply(p[i]);
        }
        int[] truth = truth(labels, tests.get(k));
        return new EvaluationReport.CalibrationCheck(c.temperature(),
                CalibrationFit.expectedCalibrationError(p, truth),
                CalibrationFit.expectedCalibrationError(calibrated, truth));
    }

    /** Held-out distributions of several groups (folds, corpora) in one list, with their true label indices. */
    private record Pooled(double[][] probabilities, int[] truth) {
    }

    /** Every group's distributions and truths but group {@code skip}'s (-1 for none), in group order. */
    private static Pooled pool(List<double[][]> scored, List<FeatureTable> tests, List<String> labels, int skip) {
        List<double[]> p = new ArrayList<>();
        List<Integer> truth = new ArrayList<>();
        for (int j = 0; j < scored.size(); j++) {
            if (j != skip) {
                p.addAll(List.of(scored.get(j)));
                for (int t : truth(labels, tests.get(j))) {
                    truth.add(t);
                }
            }
        }
        return new Pooled(p.toArray(double[][]::new), toArray(truth));
    }

    /** The four emotions every corpus has (TurEV-DB's calm counts as neutral when calm is folded). */
    public static final List<String> FOUR = List.of("neutral", "happy", "sad", "angry");

    /**
     * UA over the clips labelled with one of {@link #FOUR}, predicting the likeliest of those four. Calm counts as
     * neutral on both sides (a calm clip is a neutral one, and the calm probability adds to neutral's), so a model
     * that keeps calm as a class is scored like one trained with calm folded in.
     */
    static Scores fourClass(List<String> labels, int[] truth, double[][] p) {
        List<Integer> t = new ArrayList<>();
        List<Integer> predicted = new ArrayList<>();
        int neutral = FOUR.indexOf("neutral");
        int calm = labels.indexOf("calm");
        for (int i = 0; i < truth.length; i++) {
            int four = truth[i] == calm ? neutral : FOUR.indexOf(labels.get(truth[i]));
            if (four < 0) {
                continue;
            }
            double[] sub = new double[FOUR.size()];
            for (int j = 0; j < FOUR.size(); j++) {
                int index = labels.indexOf(FOUR.get(j));
                sub[j] = index < 0 ? 0 : p[i][index];
            }
            if (calm >= 0) {
                sub[neutral] += p[i][calm];
            }
            t.add(four);
            predicted.add(ArgMax.of(sub));
        }
        return Scores.of(FOUR, toArray(t), toArray(predicted));
    }

    private static int[] argmaxes(double[][] p) {
        int[] out = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = ArgMax.of(p[i]);
        }
        return out;
    }

    private <T> List<T> runAll(List<Callable<T>> tasks) throws InterruptedException {
        return Parallel.runAll(threads, tasks);
    }

    private static int[] truth(List<String> labels, FeatureTable table) {
        return table.clips().stream().mapToInt(clip -> labels.indexOf(clip.emotion())).toArray();
    }

    private static int[] toArray(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).toArray();
    }

    private record FoldOutcome(int fold, int trainClips, FeatureTable test, double[][] probabilities) {
    }
}
