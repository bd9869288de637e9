package io.github.ser.training;

import io.github.ser.dsp.ArgMax;
import weka.classifiers.Classifier;
import weka.core.Instances;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
     * (other actors and their augmented copies, and every clip of other corpora such as TESS). Scores are pooled over all test predictions.
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
                    return new FoldOutcome(train.size(), new int[0], new int[0]);
                }
                int[] predicted = trainAndPredict(spec, labels, train, test);
                progress.accept("fold " + (fold + 1) + "/" + folds.size() + " done");
                return new FoldOutcome(train.size(), truth(labels, test), predicted);
            });
        }
        List<FoldOutcome> outcomes = runAll(tasks);
        List<Integer> allTruth = new ArrayList<>();
        List<Integer> allPredicted = new ArrayList<>();
        List<EvaluationReport.Fold> foldReports = new ArrayList<>();
        for (int f = 0; f < outcomes.size(); f++) {
            FoldOutcome o = outcomes.get(f);
            if (o.truth().length == 0) {
                continue;
            }
            Scores s = Scores.of(labels, o.truth(), o.predicted());
            foldReports.add(new EvaluationReport.Fold(f + 1, folds.testActors().get(f), o.trainClips(),
                    o.truth().length, s.accuracy(), s.ua()));
            for (int i = 0; i < o.truth().length; i++) {
                allTruth.add(o.truth()[i]);
                allPredicted.add(o.predicted()[i]);
            }
        }
        Scores pooled = Scores.of(labels, toArray(allTruth), toArray(allPredicted));
        return new EvaluationReport.SpeakerIndependent(
                "RAVDESS speaker-independent " + folds.size() + "-fold CV (test actors from ravdess-folds.json; "
                        + "training = other actors + all non-RAVDESS clips), " + labels.size()
                        + " classes, pooled over all test predictions",
                pooled.accuracy(), pooled.ua(), pooled.perClassRecall(), labels, pooled.count(),
                pooled.confusion(), foldReports);
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
        Instances trainData = Trainer.instances(train.featureSet(), labels, train.rows(), train.clips());
        Classifier classifier = Trainer.fit(spec, trainData);
        Instances testData = Trainer.instances(test.featureSet(), labels, test.rows(), test.clips());
        int[] predicted = new int[testData.numInstances()];
        for (int i = 0; i < predicted.length; i++) {
            predicted[i] = ArgMax.of(classifier.distributionForInstance(testData.instance(i)));
        }
        return predicted;
    }

    private <T> List<T> runAll(List<Callable<T>> tasks) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, tasks.size()));
        try {
            List<Future<T>> futures = pool.invokeAll(tasks);
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                try {
                    results.add(future.get());
                } catch (ExecutionException e) {
                    throw new IllegalStateException("evaluation failed: " + e.getCause().getMessage(), e.getCause());
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static int[] truth(List<String> labels, FeatureTable table) {
        return table.clips().stream().mapToInt(clip -> labels.indexOf(clip.emotion())).toArray();
    }

    private static int[] toArray(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).toArray();
    }

    private record FoldOutcome(int trainClips, int[] truth, int[] predicted) {
    }
}
