package io.github.ser.training;

import io.github.ser.model.Emotions;
import io.github.ser.features.FeatureMoments;
import io.github.ser.features.FeatureSet;
import io.github.ser.features.FeatureSets;
import io.github.ser.testing.SharedData;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvaluatorTest {

    private static final FeatureSet SEED = FeatureSets.byName("seed");
    private static final ClassifierSpec SMALL_MLP =
            new ClassifierSpec("mlp", new MlpSettings(8, 20, 0.1, 0.2, false, 1, 1));

    @Test
    void speakerIndependentFoldsTestOnTheirActorsAndTrainOnEverythingElse() throws Exception {
        RavdessFolds folds = RavdessFolds.load(SharedData.datasets().resolve("ravdess-folds.json"));
        List<Integer> actors = IntStream.rangeClosed(1, 24).boxed().toList();
        FeatureTable ravdess = SyntheticTables.ravdess(SEED, Emotions.ALL, actors, 1, 11);
        FeatureTable tess = SyntheticTables.tess(SEED, List.of("angry", "sad"), 10, 12);
        List<String> messages = new ArrayList<>();

        EvaluationReport.SpeakerIndependent r = new Evaluator(SMALL_MLP, 2, messages::add)
                .speakerIndependent(SyntheticTables.concat(ravdess, tess), folds);

        assertEquals(6, r.folds().size());
        assertEquals(24 * 8, r.predictions());
        for (EvaluationReport.Fold fold : r.folds()) {
            assertEquals(4 * 8, fold.testClips());
            assertEquals(20 * 8 + 20, fold.trainClips()); // the other actors plus every TESS clip
        }
        assertEquals(folds.testActors().get(0), r.folds().get(0).testActors());
        assertEquals(Emotions.ALL, r.labels());
        int pooled = 0;
        for (int[] row : r.confusion()) {
            pooled += IntStream.of(row).sum();
        }
        assertEquals(24 * 8, pooled);
        assertTrue(r.accuracy() > 0.9, "separable data should be learnt: " + r.accuracy());
        assertEquals(8, r.perClassRecall().size());
        assertEquals(6, messages.size());
    }

    @Test
    void leaveOneCorpusOutCanLearnFromChosenCorporaOnly() throws Exception {
        List<String> four = Evaluator.FOUR;
        FeatureTable ravdess = SyntheticTables.ravdess(SEED, four, List.of(1, 2, 3, 4), 4, 5);
        FeatureTable tess = SyntheticTables.tess(SEED, four, 10, 6);
        FeatureTable both = SyntheticTables.concat(ravdess, tess);

        EvaluationReport.LeaveOneCorpusOut everyOther = new Evaluator(SMALL_MLP, 2, m -> { }).leaveOneCorpusOut(both);
        EvaluationReport.LeaveOneCorpusOut fromRavdess = new Evaluator(SMALL_MLP, 2, m -> { })
                .leaveOneCorpusOut(both, java.util.Set.of(LabeledClip.RAVDESS));

        assertEquals(List.of("ravdess", "tess"), everyOther.perCorpus().stream()
                .map(EvaluationReport.HeldOutCorpus::corpus).toList());
        // RAVDESS held out leaves nothing to learn from, so only TESS is scored, by a RAVDESS-only model
        assertEquals(List.of("tess"), fromRavdess.perCorpus().stream()
                .map(EvaluationReport.HeldOutCorpus::corpus).toList());
        assertEquals(40, fromRavdess.perCorpus().get(0).clips());
        assertEquals(fromRavdess.perCorpus().get(0).ua4(), fromRavdess.mean().ua4(), 1e-12);
        assertTrue(fromRavdess.protocol().contains("among [ravdess]"), fromRavdess.protocol());
        assertEquals(null, fromRavdess.perCorpus().get(0).calibration(), "no other corpus to fit a temperature on");
        // a corpus name that is not among the data (a typo) is an error, not a run that learns from nothing
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new Evaluator(SMALL_MLP,
                2, m -> { }).leaveOneCorpusOut(both, java.util.Set.of("ravdes")));
    }


    @Test
    void calmCountsAsNeutralInTheFourClassScore() {
        List<String> labels = List.of("neutral", "calm", "happy", "sad", "angry");
        int[] truth = {1, 0, 2, 3};
        double[][] p = {
            {0.1, 0.5, 0.2, 0.1, 0.1},  // calm heard as calm: a right "neutral"
            {0.3, 0.3, 0.4, 0.0, 0.0},  // neutral: neutral + calm (0.6) beats happy (0.4)
            {0.0, 0.0, 1.0, 0.0, 0.0},
            {0.0, 0.0, 0.0, 1.0, 0.0},
        };
        Scores four = Evaluator.fourClass(labels, truth, p);
        assertEquals(4, four.count());
        assertEquals(1.0, four.accuracy(), 1e-12);
    }

    @Test
    void oneModelPerHeldOutCorpusScoresEveryTestCondition() throws Exception {
        List<String> four = Evaluator.FOUR;
        FeatureTable both = SyntheticTables.concat(SyntheticTables.ravdess(SEED, four, List.of(1, 2, 3, 4), 4, 5),
                SyntheticTables.tess(SEED, four, 10, 6));
        FeatureTable recordings = both.filter(LabeledClip::isOriginal);
        List<String> messages = new ArrayList<>();

        List<EvaluationReport.LeaveOneCorpusOut> results = new Evaluator(SMALL_MLP, 2, messages::add)
                .leaveOneCorpusOut(both, List.of(new Evaluator.TestCondition("", recordings),
                        new Evaluator.TestCondition(" again", recordings)), java.util.Set.of());

        assertEquals(2, results.size());
        assertEquals(2, messages.size(), "two models, not four");
        assertEquals(results.get(0).mean().ua4(), results.get(1).mean().ua4(), 0);
        assertTrue(results.get(1).protocol().contains("recordings again"), results.get(1).protocol());
    }
    @Test
    void aCollectionAlignedWithItsOwnMomentsIsHeardDespiteItsChannel() throws Exception {
        List<String> four = Evaluator.FOUR;
        FeatureTable ravdess = SyntheticTables.ravdess(SEED, four, List.of(1, 2, 3, 4), 8, 5);
        FeatureTable tess = SyntheticTables.tess(SEED, four, 30, 6);
        // another microphone: everything the held-out corpus says sounds three times as angry as it is
        double[] angry = FeatureMoments.of(tess.filter(c -> c.emotion().equals("angry")).rows()).mean();
        double[] all = FeatureMoments.of(tess.rows()).mean();
        FeatureTable shifted = new FeatureTable(SEED, tess.clips(), tess.rows().stream()
                .map(r -> IntStream.range(0, r.length).mapToDouble(j -> r[j] + 3 * (angry[j] - all[j])).toArray())
                .toList(), List.of());
        FeatureTable both = SyntheticTables.concat(ravdess, shifted);
        FeatureTable recordings = both.filter(LabeledClip::isOriginal);

        List<EvaluationReport.LeaveOneCorpusOut> results = new Evaluator(SMALL_MLP, 2, m -> { })
                .leaveOneCorpusOut(both, List.of(new Evaluator.TestCondition("", recordings),
                        new Evaluator.TestCondition(" aligned", recordings, new CollectionSample(60, 0.6, 1))),
                        java.util.Set.of(LabeledClip.RAVDESS));

        double plain = results.get(0).perCorpus().get(0).ua4();
        double aligned = results.get(1).perCorpus().get(0).ua4();
        assertEquals(LabeledClip.TESS, results.get(1).perCorpus().get(0).corpus());
        assertTrue(plain < 0.5, "the shifted corpus as it is: " + plain);
        assertTrue(aligned > 0.9, "aligned with 60 mostly neutral clips of its own: " + aligned);
    }

    @Test
    void seedProtocolUsesFourRavdessClassesAndAStratifiedQuarter() throws Exception {
        FeatureTable ravdess = SyntheticTables.ravdess(SEED, Emotions.ALL, List.of(1, 2, 3, 4), 4, 5);
        FeatureTable tess = SyntheticTables.tess(SEED, List.of("happy"), 10, 6);

        EvaluationReport.SeedProtocol r = new Evaluator(SMALL_MLP, 2, m -> { })
                .seedProtocol(SyntheticTables.concat(ravdess, tess), List.of(0, 1, 2));

        assertEquals(Evaluator.SEED_PROTOCOL_LABELS.stream().sorted().toList(), r.labels().stream().sorted().toList());
        assertEquals(3, r.seeds().size());
        for (EvaluationReport.SeedRun run : r.seeds()) {
            assertEquals(16, run.testClips()); // 25% of 16 RAVDESS clips per class, 4 classes; TESS is left out
            assertEquals(48, run.trainClips());
        }
        assertTrue(r.accuracy() > 0.9, "separable data should be learnt: " + r.accuracy());
        assertTrue(r.accuracyStd() >= 0 && r.uaStd() >= 0);
    }

    @Test
    void aNetworkWithoutHiddenLayerIsALinearModelThatStillLearns() throws Exception {
        FeatureTable ravdess = SyntheticTables.ravdess(SEED, Emotions.ALL, List.of(1, 2, 3, 4), 4, 5);
        ClassifierSpec linear = new ClassifierSpec("mlp", new MlpSettings(0, 20, 0.1, 0.2, false, 1, 1));

        EvaluationReport.SeedProtocol r = new Evaluator(linear, 2, m -> { }).seedProtocol(ravdess, List.of(0));

        assertTrue(linear.describe().contains("-H 0"), linear.describe());
        assertTrue(r.accuracy() > 0.9, "separable data should be learnt: " + r.accuracy());
    }

    @Test
    void stratifiedSplitsDifferBySeedButKeepClassShares() {
        FeatureTable table = SyntheticTables.ravdess(SEED, List.of("calm", "happy"), List.of(1), 10, 1);

        boolean[] a = Evaluator.stratifiedTestMask(table, 0);
        boolean[] b = Evaluator.stratifiedTestMask(table, 1);

        for (boolean[] mask : List.of(a, b)) {
            assertEquals(3, IntStream.range(0, 10).filter(i -> mask[i]).count()); // ceil(25% of 10)
            assertEquals(3, IntStream.range(10, 20).filter(i -> mask[i]).count());
        }
        assertFalse(Arrays.equals(a, b));
        assertArrayEquals(a, Evaluator.stratifiedTestMask(table, 0));
    }

    @Test
    void foldsFileIsReadAndChecked() throws IOException {
        RavdessFolds folds = RavdessFolds.load(SharedData.datasets().resolve("ravdess-folds.json"));

        assertEquals(6, folds.size());
        assertEquals(List.of(1, 11, 20, 21), folds.testActors().get(0));
        assertEquals(24, folds.testActors().stream().mapToInt(List::size).sum());
    }
}
