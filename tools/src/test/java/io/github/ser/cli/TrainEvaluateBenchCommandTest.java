package io.github.ser.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ser.model.Emotions;
import io.github.ser.model.Manifest;
import io.github.ser.model.ModelArtifact;
import io.github.ser.training.TestModels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The training-side commands on a small real subset: RAVDESS actors 1 and 2, and TESS's OAF_angry folder. */
class TrainEvaluateBenchCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] TINY_MLP = {"--features", "seed", "--hidden", "4", "--epochs", "5", "--ensemble", "1",
        "--augment", "none", "--no-fold-calm", "--cache", "none"};

    @TempDir
    static Path dir;
    static SmallCorpora corpora;

    @BeforeAll
    static void link() throws IOException {
        corpora = new SmallCorpora(dir, "OAF_angry");
    }

    @AfterAll
    static void unlink() throws IOException {
        corpora.close();
    }

    @Test
    void evaluateReportsEveryProtocolAndTrainEmbedsTheSummaryAndCalibration() throws IOException {
        Path folds = Files.writeString(dir.resolve("folds.json"), "{\"test_actors\": [[1], [2]]}");
        Path report = dir.resolve("out/report.json");

        CliRun evaluate = CliRun.of(concat(new String[] {"evaluate", "--data", corpora.ravdess(), "--data",
                corpora.tess(), "--folds", folds.toString(), "--seeds", "2", "--report", report.toString()}));

        assertEquals(0, evaluate.exit(), evaluate.err());
        assertTrue(evaluate.out().contains("Speaker-independent CV: 8 classes, 120 test predictions"), evaluate.out());
        assertTrue(evaluate.out().contains("Prototype protocol"), evaluate.out());
        JsonNode r = JSON.readTree(report.toFile());
        assertEquals("seed", r.get("featureSet").asText());
        assertEquals(Map.of("ravdess", 120, "tess", 200),
                JSON.convertValue(r.get("clips"), Map.class));
        JsonNode si = r.get("speakerIndependent");
        assertFraction(si.get("accuracy"));
        assertFraction(si.get("ua"));
        assertEquals(120, si.get("predictions").asInt());
        assertEquals(2, si.get("folds").size());
        assertEquals(260, si.get("folds").get(0).get("trainClips").asInt()); // actor 2 + TESS
        assertEquals(8, si.get("confusion").size());
        assertEquals(Emotions.ALL.size(), si.get("labels").size());
        assertTrue(si.get("calibration").get("temperature").asDouble() > 0);
        assertFraction(si.get("folds").get(0).get("calibration").get("eceAfter"));
        JsonNode seed = r.get("seedProtocol");
        assertFraction(seed.get("accuracy"));
        assertFraction(seed.get("ua"));
        assertTrue(seed.get("accuracyStd").asDouble() >= 0);
        assertEquals(2, seed.get("seeds").size());
        assertEquals(4, seed.get("labels").size());
        JsonNode loco = r.get("leaveOneCorpusOut");
        assertEquals(List.of("ravdess", "tess"), loco.get("perCorpus").findValuesAsText("corpus"));
        assertEquals(120, loco.get("perCorpus").get(0).get("clips").asInt());
        assertEquals(200, loco.get("perCorpus").get(1).get("clips").asInt());
        assertEquals(200, loco.get("perCorpus").get(1).get("ua4Clips").asInt(), "every TESS angry clip is one of the four");
        assertFraction(loco.get("mean").get("ua4"));
        assertFraction(loco.get("perCorpus").get(0).get("calibration").get("eceBefore"));
        assertTrue(loco.get("calibration").get("temperature").asDouble() > 0);
        assertTrue(evaluate.out().contains("Leave-one-corpus-out: mean UA4"), evaluate.out());
        // the same models, scored on every recording as a phone in a noisy room hears it
        JsonNode phone = r.get("leaveOneCorpusOutPhone");
        assertEquals(List.of("ravdess", "tess"), phone.get("perCorpus").findValuesAsText("corpus"));
        assertEquals(200, phone.get("perCorpus").get(1).get("clips").asInt());
        assertFraction(phone.get("mean").get("ua4"));
        assertTrue(phone.get("protocol").asText().contains("phone"), phone.get("protocol").asText());
        assertTrue(evaluate.out().contains("through a phone in a noisy room: mean UA4"), evaluate.out());

        Path model = dir.resolve("trained/model.zip");
        CliRun train = CliRun.of(concat(new String[] {"train", "--data", corpora.ravdess(), "--data",
                corpora.tess(), "--out", model.toString(), "--metrics", report.toString()}));

        assertEquals(0, train.exit(), train.err());
        ModelArtifact artifact = ModelArtifact.load(model);
        assertEquals(Emotions.ALL, artifact.labels());
        assertEquals(Map.of("ravdess", 120, "tess", 200), artifact.manifest().trainedOn().corpora());
        JsonNode metrics = JSON.valueToTree(artifact.manifest().metrics());
        assertEquals(si.get("accuracy").asDouble(), metrics.get("speakerIndependent").get("accuracy").asDouble());
        assertEquals(seed.get("ua").asDouble(), metrics.get("seedProtocol").get("ua").asDouble());
        assertEquals(r.get("classifier").asText(), artifact.manifest().classifier());
        assertEquals(loco.get("mean").get("ua4").asDouble(),
                metrics.get("leaveOneCorpusOut").get("mean").get("ua4").asDouble());
        assertEquals(phone.get("mean").get("ua4").asDouble(),
                metrics.get("leaveOneCorpusOutPhone").get("mean").get("ua4").asDouble());
        // and what deployment statistics gave, each condition with its own means
        JsonNode standardised = r.get("leaveOneCorpusOutStandardised");
        assertTrue(standardised.size() >= 2, "all clips and a deployment's first clips, clean and through a phone");
        assertEquals(standardised.size(), metrics.get("leaveOneCorpusOutStandardised").size());
        for (int i = 0; i < standardised.size(); i++) {
            JsonNode carried = metrics.get("leaveOneCorpusOutStandardised").get(i);
            assertEquals(standardised.get(i).get("condition").asText(), carried.get("condition").asText());
            assertEquals(standardised.get(i).get("mean").get("ua4").asDouble(), carried.get("mean").get("ua4").asDouble());
            assertEquals(List.of("ravdess", "tess"), List.copyOf(JSON.convertValue(carried.get("perCorpus"), Map.class).keySet()));
        }
        assertEquals(loco.get("calibration").get("temperature").asDouble(),
                artifact.calibration().temperature(), 1e-12, "calibrated on the report's held-out predictions");
        List<Manifest.Source> sources = artifact.manifest().trainedOn().sources();
        assertEquals(List.of("ravdess", "tess"), sources.stream().map(Manifest.Source::corpus).toList());
        assertEquals(2, sources.get(0).speakers());
        assertEquals("CC BY-NC-ND 4.0", sources.get(1).licence());
    }

    @Test
    void speedPerturbedCopiesOnlyEverTrainAndEnsemblesAverageSeveralNetworks() throws IOException {
        Path folds = Files.writeString(dir.resolve("folds-aug.json"), "{\"test_actors\": [[1], [2]]}");
        Path report = dir.resolve("aug/report.json");

        CliRun run = CliRun.of("evaluate", "--data", corpora.ravdess(), "--folds", folds.toString(),
                "--protocol", "speaker", "--features", "seed", "--hidden", "4", "--epochs", "5", "--ensemble", "2",
                "--augment", "speed:0.9,speed:1.1", "--copies", "2", "--no-fold-calm", "--cache", "none",
                "--report", report.toString());

        assertEquals(0, run.exit(), run.err());
        JsonNode r = JSON.readTree(report.toFile());
        assertEquals(Map.of("ravdess", 120), JSON.convertValue(r.get("clips"), Map.class), "recordings, not copies");
        JsonNode si = r.get("speakerIndependent");
        assertEquals(120, si.get("predictions").asInt(), "tests see each recording once, unperturbed");
        assertEquals(180, si.get("folds").get(0).get("trainClips").asInt(), "actor 2 at speeds 1, 0.9 and 1.1");
        assertTrue(si.get("labels").toString().contains("calm"), "--no-fold-calm keeps calm a class");
        assertTrue(r.get("classifier").asText().contains("weka.classifiers.meta.Vote"), r.get("classifier").asText());

        Path model = dir.resolve("aug/model.zip");
        CliRun train = CliRun.of("train", "--data", corpora.ravdess(), "--features", "seed", "--hidden", "4",
                "--epochs", "5", "--ensemble", "2", "--augment", "speed:0.9,speed:1.1", "--copies", "2",
                "--no-fold-calm", "--cache", "none", "--out", model.toString(), "--metrics", report.toString());
        assertEquals(0, train.exit(), train.err());
        assertEquals(si.get("calibration").get("temperature").asDouble(),
                ModelArtifact.load(model).calibration().temperature(), 1e-12,
                "without leave-one-corpus-out, the speaker-independent predictions calibrate");
    }

    @Test
    void emotionsLeaveTheOtherClipsOutOfTrainingAndTests() throws IOException {
        Path folds = Files.writeString(dir.resolve("folds-four.json"), "{\"test_actors\": [[1], [2]]}");
        Path report = dir.resolve("four/report.json");

        CliRun run = CliRun.of(concat(new String[] {"evaluate", "--data", corpora.ravdess(), "--folds",
                folds.toString(), "--protocol", "speaker", "--emotions", "angry,happy,neutral,sad",
                "--report", report.toString()}));

        assertEquals(0, run.exit(), run.err());
        JsonNode si = JSON.readTree(report.toFile()).get("speakerIndependent");
        assertEquals("[\"neutral\",\"happy\",\"sad\",\"angry\"]", si.get("labels").toString());
        assertEquals(2 * (4 + 8 + 8 + 8), si.get("predictions").asInt(), "per actor 4 neutral, 8 of each other");

        CliRun bad = CliRun.of("evaluate", "--data", corpora.ravdess(), "--emotions", "angry,bored");
        assertEquals(SerCli.CANNOT_RUN, bad.exit());
        assertTrue(bad.err().contains("'bored' is not one of"), bad.err());
    }

    @Test
    void evaluateComparesClassifiersOnTheSameFeatures() throws IOException {
        Path report = dir.resolve("compare.json");

        CliRun run = CliRun.of(concat(new String[] {"evaluate", "--data", corpora.ravdess(), "--protocol", "seed",
                "--seeds", "1", "--classifier", "mlp,logistic", "--report", report.toString()}));

        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("Comparison on the same features"), run.out());
        JsonNode r = JSON.readTree(report.toFile());
        assertTrue(r.get("classifier").asText().contains("MultilayerPerceptron"));
        assertEquals(1, r.get("comparisons").size());
        JsonNode logistic = r.get("comparisons").get(0);
        assertTrue(logistic.get("classifier").asText().contains("Logistic"));
        assertFraction(logistic.get("seedProtocol").get("accuracy"));
        assertTrue(!r.has("speakerIndependent") && !logistic.has("speakerIndependent"));
    }

    @Test
    void benchReportsPerClipTimesThroughputAndALongClip() throws IOException {
        CliRun run = CliRun.of("bench", "--data", corpora.ravdess(), "--limit", "6", "--long-minutes", "0.5",
                "--model", TestModels.smallRavdessModel().toString(), "--format", "json");

        assertEquals(0, run.exit(), run.err());
        JsonNode b = JSON.readTree(run.out());
        assertEquals(Runtime.getRuntime().availableProcessors(), b.get("machine").get("cores").asInt());
        assertEquals(6, b.get("clips").asInt());
        assertTrue(b.get("decodePlusFeaturesMillis").get("median").asDouble() > 0);
        assertTrue(b.get("decodePlusFeaturesMillis").get("p95").asDouble()
                >= b.get("decodePlusFeaturesMillis").get("median").asDouble());
        assertTrue(b.get("predictionsPerSecond").asDouble() > 0);
        assertEquals(30.0, b.get("longClip").get("seconds").asDouble(), 1e-6);
        assertTrue(b.get("longClip").get("segments").asInt() >= 2, b.toString());
    }

    @Test
    void badOptionsAreOneMessageAndExitTwo() {
        CliRun run = CliRun.of("evaluate", "--data", corpora.ravdess(), "--classifier", "forest");

        assertEquals(SerCli.CANNOT_RUN, run.exit());
        assertTrue(run.err().contains("unknown classifier 'forest'"), run.err());
        assertTrue(!run.err().contains("\tat "), run.err());
    }

    /** What the data cannot give is refused before any clip is decoded (stderr's "clips: ..." line starts the work). */
    @Test
    void impossibleProtocolsAndBadDataAreRefusedBeforeAnyWork() {
        Map<String, String[]> refused = Map.of(
                "--protocol corpus needs two or more corpora", new String[] {"evaluate", "--data", corpora.ravdess(),
                        "--protocol", "corpus"},
                "--protocol speaker tests on RAVDESS", new String[] {"evaluate", "--data", corpora.tess(),
                        "--protocol", "speaker,corpus"},
                "seed tests on RAVDESS", new String[] {"evaluate", "--data", corpora.tess()},
                "--train-corpora [nemo]: the corpora given are [ravdess, tess]", new String[] {"evaluate", "--data",
                        corpora.ravdess(), "--data", corpora.tess(), "--train-corpora", "nemo"},
                "not a directory", new String[] {"train", "--data", dir.resolve("nowhere").toString()},
                "cannot write a file there", new String[] {"train", "--data", corpora.ravdess(), "--out",
                        dir.toString()});
        refused.forEach((message, args) -> {
            CliRun run = CliRun.of(concat(args));
            assertEquals(SerCli.CANNOT_RUN, run.exit(), run.err());
            assertTrue(run.err().contains(message), message + " in: " + run.err());
            assertTrue(!run.err().contains("clips: "), "work started before the check: " + run.err());
        });
    }

    @Test
    void allIsEveryProtocolTheDataAllow() throws IOException {
        Path folds = Files.writeString(dir.resolve("folds-one-corpus.json"), "{\"test_actors\": [[1], [2]]}");

        CliRun run = CliRun.of(concat(new String[] {"evaluate", "--data", corpora.ravdess(), "--folds",
                folds.toString(), "--seeds", "1"}));

        assertEquals(0, run.exit(), run.err());
        assertTrue(run.err().contains("protocols: [speaker, seed] (not corpus needs two or more corpora"), run.err());
        assertTrue(run.out().contains("Speaker-independent CV"), run.out());
        assertTrue(run.out().contains("Prototype protocol"), run.out());
        assertTrue(!run.out().contains("Leave-one-corpus-out"), run.out());
    }

    private static void assertFraction(JsonNode value) {
        assertTrue(value.isNumber() && value.asDouble() >= 0 && value.asDouble() <= 1, String.valueOf(value));
    }

    private static String[] concat(String[] head) {
        String[] all = new String[head.length + TINY_MLP.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(TINY_MLP, 0, all, head.length, TINY_MLP.length);
        return all;
    }
}
