package io.github.ser.training;

import io.github.ser.features.FeatureSet;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CrossCorpusSelectionTest {

    /** Three features: "agrees" is higher for angry in both corpora, "flips" is higher in one and lower in the other. */
    private static final FeatureSet THREE = new FeatureSet() {
        public String name() {
            return "three";
        }

        public int version() {
            return 1;
        }

        public int sampleRate() {
            return 16_000;
        }

        public List<String> names() {
            return List.of("agrees", "flips", "noise");
        }

        public double[] extract(float[] samples, int sampleRate) {
            throw new UnsupportedOperationException();
        }
    };

    /** {@code offset}: what corpus y adds to every value of "agrees" (a microphone's level, say). */
    private static FeatureTable table(double offset) {
        Random random = new Random(5);
        List<LabeledClip> clips = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        for (String corpus : List.of("x", "y")) {
            double sign = corpus.equals("x") ? 1 : -1;
            for (String emotion : List.of("angry", "sad")) {
                double up = emotion.equals("angry") ? 1 : 0;
                for (int i = 0; i < 50; i++) {
                    clips.add(new LabeledClip(Path.of(corpus + emotion + i + ".wav"), emotion, corpus + "-s", corpus));
                    rows.add(new double[]{2 * up + random.nextGaussian() * 0.5 + (corpus.equals("x") ? 0 : offset),
                            sign * 2 * up + random.nextGaussian() * 0.5, random.nextGaussian()});
                }
            }
        }
        return new FeatureTable(THREE, clips, rows, List.of());
    }

    @Test
    void aCueThatFlipsBetweenCorporaScoresNothingAndOneThatHoldsIsKept() {
        Map<String, Double> scores = CrossCorpusSelection.scores(table(40));

        assertEquals(0, scores.get("flips"), "opposite effects in the two corpora");
        // 2 units apart with spread ~1.1 within each corpus: d ~ 1.8, for angry and (mirrored) for sad
        assertTrue(scores.get("agrees") > 3, "agrees: " + scores);
        assertTrue(scores.get("noise") < 1, "noise: " + scores);
        assertEquals(Set.of("agrees"), CrossCorpusSelection.best(table(40), 1));
        assertEquals(List.of("agrees", "flips", "noise"), List.copyOf(CrossCorpusSelection.best(table(40), 3)),
                "in the feature set's order");
    }

    @Test
    void theSpecIgnoresWhatWasNotChosenFromItsOwnTrainingClips() {
        ClassifierSpec spec = new ClassifierSpec("logistic", MlpSettings.defaults(), true, "", GroupNormalisation.NONE,
                1, ClassifierSpec.DEFAULT_RIDGE);
        ClassifierSpec chosen = spec.forTraining(table(40));

        assertEquals(0, chosen.agreedFeatures());
        assertTrue("flips".matches(chosen.ignoredFeatures()) && "noise".matches(chosen.ignoredFeatures()));
        assertTrue(!"agrees".matches(chosen.ignoredFeatures()), chosen.ignoredFeatures());
        assertTrue(spec.describe().contains("the 1 features whose class effects agree"));
    }

    @Test
    void leaveOneCorpusOutWithTheAgreedCueRecognisesTheOtherCorpus() throws Exception {
        ClassifierSpec spec = new ClassifierSpec("logistic", MlpSettings.defaults(), true, "", GroupNormalisation.NONE,
                1, ClassifierSpec.DEFAULT_RIDGE);
        EvaluationReport.LeaveOneCorpusOut report = new Evaluator(spec, 1, s -> { }).leaveOneCorpusOut(table(0));

        // trained on one corpus, the flipping cue alone would get the other corpus's clips backwards
        for (EvaluationReport.HeldOutCorpus held : report.perCorpus()) {
            assertTrue(held.accuracy() > 0.9, held.corpus() + ": " + held.accuracy());
        }
    }
}
