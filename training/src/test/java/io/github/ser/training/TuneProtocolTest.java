package io.github.ser.training;

import io.github.ser.features.FeatureSet;
import io.github.ser.features.FeatureSets;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TuneProtocolTest {

    private static final FeatureSet SEED = FeatureSets.byName("seed");
    private static final ClassifierSpec SMALL_MLP =
            new ClassifierSpec("mlp", new MlpSettings(8, 30, 0.1, 0.2, false, 1, 1));
    private static final List<String> FOUR = Evaluator.FOUR;

    @Test
    void withoutSpeakersAQuarterOfEachEmotionsFilesIsHeldOutTheSameEveryRun() {
        List<LabeledClip> clips = clips(UserClips.CORPUS, 0, FOUR, 10);

        TuneProtocol.Split split = TuneProtocol.split(clips, 0.25, 7);

        assertFalse(split.bySpeaker());
        for (String emotion : FOUR) {
            long held = clips.stream().filter(c -> c.emotion().equals(emotion) && split.isHeldOut(c)).count();
            assertEquals(3, held, emotion + ": round(25% of 10)");
        }
        assertEquals(split, TuneProtocol.split(clips, 0.25, 7));
    }

    @Test
    void withSpeakersWholeSpeakersAreHeldOutAndOneAtLeastIsKept() {
        List<LabeledClip> clips = clips(UserClips.CORPUS, 6, FOUR, 5);

        TuneProtocol.Split split = TuneProtocol.split(clips, 0.25, 7);

        assertTrue(split.bySpeaker());
        Set<String> heldSpeakers = clips.stream().filter(split::isHeldOut).map(LabeledClip::speaker)
                .collect(Collectors.toSet());
        Set<String> trainSpeakers = clips.stream().filter(c -> !split.isHeldOut(c)).map(LabeledClip::speaker)
                .collect(Collectors.toSet());
        assertTrue(heldSpeakers.stream().noneMatch(trainSpeakers::contains), "speaker-disjoint");
        assertEquals(2, heldSpeakers.size(), "2 of 6 speakers reach 25%");
        assertFalse(trainSpeakers.isEmpty());
        assertThrows(IllegalArgumentException.class,
                () -> TuneProtocol.split(clips(UserClips.CORPUS, 1, FOUR, 5), 0.25, 7));
    }

    @Test
    void aCorpusFactorMovesWeightWithinEachClassNotBetweenClasses() {
        List<LabeledClip> clips = new ArrayList<>(clips("tess", 0, FOUR, 10));
        clips.addAll(clips(UserClips.CORPUS, 0, List.of("happy", "sad"), 2));

        double[] plain = TrainingWeights.balanced(clips);
        double[] tuned = TrainingWeights.balanced(clips, Map.of(UserClips.CORPUS, 10.0));

        int user = clips.size() - 1; // a user's sad clip
        int tess = 20;              // TESS's first sad clip
        assertEquals("sad", clips.get(tess).emotion());
        // per clip: a user's clip weighs ten of the corpora's clips of its class, not ten corpora
        assertEquals(10, tuned[user] / tuned[tess], 1e-9);
        for (String emotion : FOUR) {
            assertEquals(classTotal(clips, plain, emotion), classTotal(clips, tuned, emotion), 1e-9, emotion);
        }
    }

    /** The user's happy and sad sound like the corpora's sad and happy: only a heavy weight learns that. */
    @Test
    void theWeightThatLearnsTheUsersVoicesBestOnHeldOutClipsIsChosen() throws Exception {
        FeatureTable corpora = SyntheticTables.table(SEED, clips("tess", 0, FOUR, 30), 3);
        List<LabeledClip> user = clips(UserClips.CORPUS, 0, FOUR, 12);
        FeatureTable users = swapped(SyntheticTables.table(SEED, user, 4));
        TuneProtocol.Split split = TuneProtocol.split(user, 0.25, 1);
        FeatureTable training = SyntheticTables.concat(corpora, users.filter(c -> !split.isHeldOut(c)));
        List<String> progress = new ArrayList<>();

        TuneProtocol.Choice choice = TuneProtocol.chooseWeight(SMALL_MLP, training,
                users.filter(split::isHeldOut), TuneProtocol.WEIGHTS, 2, progress::add);

        assertEquals(3, choice.candidates().size());
        assertEquals(3, progress.size());
        double best = choice.candidates().stream().mapToDouble(c -> c.scores().ua()).max().orElseThrow();
        assertEquals(best, choice.after().ua());
        assertTrue(choice.weight() > TuneProtocol.WEIGHTS.get(0), "the user's own labels must outweigh the corpora's: "
                + choice.candidates());
        assertTrue(choice.after().ua() > choice.candidates().get(0).scores().ua(), choice.candidates().toString());
        Map<String, Object> summary = TuneProtocol.summary(user, split, choice, "base",
                choice.candidates().get(0).scores());
        assertEquals(Map.of("neutral", 12, "happy", 12, "sad", 12, "angry", 12), summary.get("clips"));
        assertNull(summary.get("speakers"));
        assertEquals(choice.weight(), summary.get("weight"));
        assertEquals(4, summary.get("fewHeldOut"), "3 held-out clips per emotion are too few to trust");
        assertTrue(TuneProtocol.warnings(user, split).get(0).startsWith("only 3 held-out neutral clips"));
    }

    @Test
    void speakerHalvesAreDisjointAndTheTestHalfGetsTheOddOne() {
        List<Set<String>> halves = TuneProtocol.halves(clips("turev", 5, FOUR, 1), 20);

        assertEquals(2, halves.get(0).size());
        assertEquals(3, halves.get(1).size());
        assertTrue(halves.get(0).stream().noneMatch(halves.get(1)::contains));
        assertEquals(1, TuneProtocol.halves(clips("tess", 2, FOUR, 1), 20).get(0).size(), "TESS: one each");
        assertNull(TuneProtocol.halves(clips("one", 1, FOUR, 1), 20));
    }

    @Test
    void corpusTuneDrawsKClipsPerEmotionFromOneHalfAndTestsOnTheOther() throws Exception {
        FeatureTable table = SyntheticTables.concat(
                SyntheticTables.table(SEED, clips("tess", 2, FOUR, 20), 5),
                elsewhere(clips("turev", 4, FOUR, 6), 6));
        // augmented copies join the training with their recording, never the test
        List<LabeledClip> copies = table.clips().stream()
                .map(c -> c.augmented(Augmentation.parseList(List.of("gain:6")).get(0))).toList();
        table = SyntheticTables.concat(table, new FeatureTable(SEED, copies, table.rows(), List.of()));
        List<String> progress = new ArrayList<>();

        EvaluationReport.CorpusTune r = TuneProtocol.corpusTune(SMALL_MLP, table, List.of(0, 5, 20), 3.0, 20, 2,
                progress::add);

        assertEquals(List.of(0, 5, 20), r.k());
        assertEquals(6, progress.size(), "one model per corpus and k");
        EvaluationReport.TunedCorpus tess = r.perCorpus().get(0);
        assertEquals("tess", tess.corpus());
        assertEquals(1, tess.trainSpeakers());
        assertEquals(1, tess.testSpeakers());
        assertEquals(4 * 20, tess.testClips(), "the test speaker's recordings, no copies");
        assertEquals(List.of(0, 4 * 5, 4 * 20), tess.drawn());
        EvaluationReport.TunedCorpus turev = r.perCorpus().get(1);
        assertEquals(List.of(2, 2), List.of(turev.trainSpeakers(), turev.testSpeakers()));
        assertEquals(List.of(0, 4 * 5, 4 * 12), turev.drawn(), "the half has 12 recordings per emotion");
        assertTrue(turev.ua4().get(0) < 0.6 && turev.ua4().get(1) > 0.9 && turev.ua4().get(2) > 0.9,
                "its own speakers teach where its happy and sad lie: " + turev.ua4());
        assertEquals((tess.ua4().get(2) + turev.ua4().get(2)) / 2, r.meanUa4().get(2), 1e-12);
        assertTrue(r.protocol().contains("seed 20"), r.protocol());
    }

    @Test
    void drawsAreNestedSoALargerKAddsClips() {
        List<LabeledClip> pool = clips("c", 3, FOUR, 10);

        Map<String, List<LabeledClip>> twenty = TuneProtocol.draws(pool, 20, 20);
        Map<String, List<LabeledClip>> five = TuneProtocol.draws(pool, 5, 20);

        for (String emotion : FOUR) {
            assertEquals(twenty.get(emotion).subList(0, 5), five.get(emotion));
            assertEquals(20, new HashSet<>(twenty.get(emotion)).size());
            assertEquals(10, TuneProtocol.draws(pool, 50, 20).get(emotion).size() - 20,
                    "capped at the 30 recordings there are");
        }
    }

    /** {@code perSpeaker} clips of each emotion for each of {@code speakers} speakers (0: no speaker ids). */
    private static List<LabeledClip> clips(String corpus, int speakers, List<String> emotions, int perSpeaker) {
        List<LabeledClip> clips = new ArrayList<>();
        for (int s = 0; s < Math.max(1, speakers); s++) {
            for (String emotion : emotions) {
                for (int i = 0; i < perSpeaker; i++) {
                    Path file = Path.of(corpus, "s" + s, emotion + "-" + i + ".wav");
                    String speaker = speakers == 0 ? corpus + "-file:" + file : corpus + "-s" + s;
                    clips.add(new LabeledClip(file, emotion, speaker, corpus));
                }
            }
        }
        return clips;
    }

    /** The same clips with happy and sad rows exchanged: a corpus whose voices say them the other way round. */
    private static FeatureTable swapped(FeatureTable table) {
        List<double[]> rows = new ArrayList<>(table.rows());
        List<Integer> happy = new ArrayList<>();
        List<Integer> sad = new ArrayList<>();
        for (int i = 0; i < table.size(); i++) {
            String e = table.clips().get(i).emotion();
            (e.equals("happy") ? happy : e.equals("sad") ? sad : new ArrayList<Integer>()).add(i);
        }
        for (int j = 0; j < Math.min(happy.size(), sad.size()); j++) {
            rows.set(happy.get(j), table.rows().get(sad.get(j)));
            rows.set(sad.get(j), table.rows().get(happy.get(j)));
        }
        return new FeatureTable(table.featureSet(), table.clips(), rows, List.of());
    }

    /** Clips whose happy and sad sound like no other corpus's (where fearful and disgust lie). */
    private static FeatureTable elsewhere(List<LabeledClip> clips, long seed) {
        Map<String, String> moved = Map.of("happy", "fearful", "sad", "disgust");
        FeatureTable rows = SyntheticTables.table(SEED, clips.stream()
                .map(c -> c.relabelled(moved.getOrDefault(c.emotion(), c.emotion()))).toList(), seed);
        return new FeatureTable(SEED, clips, rows.rows(), List.of());
    }

    private static double classTotal(List<LabeledClip> clips, double[] w, String emotion) {
        double total = 0;
        for (int i = 0; i < w.length; i++) {
            if (clips.get(i).emotion().equals(emotion)) {
                total += w[i];
            }
        }
        return total;
    }
}
