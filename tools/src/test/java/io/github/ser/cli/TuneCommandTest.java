package io.github.ser.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ser.local.LocalStack;
import io.github.ser.local.SharedLocalStack;
import io.github.ser.model.Emotions;
import io.github.ser.model.ModelArtifact;
import io.github.ser.training.TestModels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ser tune} end to end on a tiny set: corpora = RAVDESS actors 1 and 2; the user's clips = 32 recordings of
 * actors 3-6 (four emotions), half in a local {@code <speaker>/<label>/<file>} folder, half in the local stack's
 * real S3 server as the correction route stores them ({@code labelled/<label>/<file>}, speakers.tsv beside them).
 * And {@code ser evaluate --protocol corpus-tune} on RAVDESS actors 1-2 and TESS's two speakers (angry).
 */
@ExtendWith(SharedLocalStack.class)
class TuneCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] TINY_MLP = {"--features", "seed", "--hidden", "4", "--epochs", "5", "--ensemble", "1",
        "--augment", "none", "--cache", "none"};
    private static final List<String> FOUR = List.of("neutral", "happy", "sad", "angry");

    @TempDir
    static Path dir;
    static SmallCorpora corpora;

    @BeforeAll
    static void link() throws IOException {
        corpora = new SmallCorpora(dir, "OAF_angry", "YAF_angry");
    }

    @AfterAll
    static void unlink() throws IOException {
        corpora.close();
    }

    @Test
    void tunesOnAFolderAndAnS3PrefixReportsBeforeAndAfterAndWritesAModelThatLoads(LocalStack stack)
            throws IOException {
        Path local = Files.createDirectories(dir.resolve("my-clips"));
        S3Client s3 = client(stack);
        StringBuilder speakers = new StringBuilder("file\tspeaker\n");
        for (int actor = 3; actor <= 6; actor++) {
            for (Path clip : recordings(actor)) {
                String label = Emotions.ALL.get(Integer.parseInt(clip.getFileName().toString().substring(6, 8)) - 1);
                if (actor <= 4) { // <speaker>/<label>/<file>
                    Path target = local.resolve("actor" + actor).resolve(label).resolve(clip.getFileName());
                    Files.createDirectories(target.getParent());
                    Files.copy(clip, target);
                } else { // what the correction route stores, speakers given beside it
                    s3.putObject(b -> b.bucket(stack.bucket()).key("labelled/" + label + "/" + clip.getFileName()),
                            RequestBody.fromFile(clip));
                    speakers.append(clip.getFileName()).append("\tactor").append(actor).append('\n');
                }
            }
        }
        s3.putObject(b -> b.bucket(stack.bucket()).key("labelled/speakers.tsv"),
                RequestBody.fromString(speakers.toString()));
        Path model = dir.resolve("tuned/model.zip");

        CliRun tune = CliRun.of(concat(new String[] {"tune", "--data", corpora.ravdess(),
                "--clips", local.toString(), "--clips", "s3://" + stack.bucket() + "/labelled/",
                "--s3-endpoint", stack.s3Endpoint().toString(), "--out", model.toString()}));

        assertEquals(0, tune.exit(), tune.err());
        assertTrue(tune.err().contains("downloaded 17 objects from s3://clips/labelled/"), tune.err());
        String out = tune.out();
        assertTrue(out.contains("Your clips: 32 ({neutral=8, happy=8, sad=8, angry=8}), 4 speakers; 8 held out "
                + "(whole speakers, seed 20)"), out);
        assertTrue(out.contains("Weight of your clips: "), out);
        assertTrue(out.contains("On your 8 held-out clips"), out);
        assertTrue(out.contains("  before (ser-speech-v"), out);
        assertTrue(out.contains("  after (tuned, w="), out);
        assertTrue(out.contains("confusion (rows: truth, columns: predicted)"), out);
        assertTrue(out.contains("warning: only 2 held-out neutral clips (fewer than 10)"), out);

        ModelArtifact tuned = ModelArtifact.load(model);
        assertEquals(Emotions.ALL, tuned.labels());
        assertTrue(tuned.version().endsWith("-tuned"), tuned.version());
        assertEquals(Map.of("ravdess", 120, "user", 32), tuned.manifest().trainedOn().corpora());
        assertEquals(4, tuned.manifest().trainedOn().sources().get(1).speakers());
        JsonNode tuning = JSON.valueToTree(tuned.manifest().metrics()).get("tuning");
        assertEquals(Map.of("neutral", 8, "happy", 8, "sad", 8, "angry", 8),
                JSON.convertValue(tuning.get("clips"), Map.class));
        assertEquals(4, tuning.get("speakers").asInt());
        assertEquals(8, Stream.of("neutral", "happy", "sad", "angry")
                .mapToInt(e -> tuning.get("heldOut").get(e).asInt()).sum());
        assertTrue(io.github.ser.training.TuneProtocol.WEIGHTS.contains(tuning.get("weight").asDouble()), tuning.toString());
        assertEquals(3, tuning.get("weightsTried").size());
        for (String when : new String[] {"before", "after"}) {
            double ua = tuning.get(when).get("ua").asDouble();
            assertTrue(ua >= 0 && ua <= 1, when + " " + ua);
            assertTrue(out.contains(Table.percent(ua)), when + " UA printed: " + out);
        }
        String manifest = JSON.writeValueAsString(tuned.manifest());
        assertFalse(manifest.contains(".flac") || manifest.contains(dir.toString()), "no file names: " + manifest);

        CliRun predict = CliRun.of("predict", "--model", model.toString(), recordings(7).get(0).toString());
        assertEquals(0, predict.exit(), predict.err());
        assertTrue(predict.out().contains(tuned.version()), predict.out());
    }

    @Test
    void aLabelFolderNamedAsNoEmotionStopsBeforeAnyWork() throws IOException {
        Path clips = Files.createDirectories(dir.resolve("typo/hapy"));
        Files.copy(recordings(3).get(0), clips.resolve("a.flac"));

        CliRun tune = CliRun.of("tune", "--data", corpora.ravdess(), "--clips", clips.getParent().toString(),
                "--out", dir.resolve("never.zip").toString());

        assertEquals(SerCli.CANNOT_RUN, tune.exit());
        assertTrue(tune.err().contains("folder 'hapy'"), tune.err());
        assertFalse(tune.err().contains("features:"), "no clip decoded: " + tune.err());
        assertFalse(Files.exists(dir.resolve("never.zip")));
    }

    @Test
    void corpusTuneReportsUa4ForEachKOnHalfOfEachCorpussSpeakers() throws IOException {
        Path report = dir.resolve("corpus-tune.json");

        CliRun evaluate = CliRun.of(concat(new String[] {"evaluate", "--protocol", "corpus-tune", "--data",
                corpora.ravdess(), "--data", corpora.tess(), "--report", report.toString()}));

        assertEquals(0, evaluate.exit(), evaluate.err());
        assertTrue(evaluate.out().contains("Corpus-tune (k clips per emotion"), evaluate.out());
        JsonNode tune = JSON.readTree(report.toFile()).get("corpusTune");
        assertEquals(List.of(0, 5, 20), JSON.convertValue(tune.get("k"), List.class));
        assertEquals(io.github.ser.training.TuneProtocol.CORPUS_TUNE_WEIGHT, tune.get("weight").asDouble());
        assertEquals(List.of("ravdess", "tess"), tune.get("perCorpus").findValuesAsText("corpus"));
        for (JsonNode c : tune.get("perCorpus")) {
            assertEquals(1, c.get("trainSpeakers").asInt(), "two speakers each: one per half");
            assertEquals(1, c.get("testSpeakers").asInt());
            assertEquals(3, c.get("ua4").size());
        }
        JsonNode ravdessTune = tune.get("perCorpus").get(0);
        assertEquals(60, ravdessTune.get("testClips").asInt(), "one actor's recordings");
        // one actor has 4 recordings of neutral, 8 of each other emotion: k=5 draws 4 + 7*5
        assertEquals(List.of(0, 39, 60), JSON.convertValue(ravdessTune.get("drawn"), List.class));
        assertEquals(List.of(0, 5, 20), JSON.convertValue(tune.get("perCorpus").get(1).get("drawn"), List.class),
                "TESS here has angry only");
        assertEquals(3, tune.get("meanUa4").size());
    }

    private static List<Path> recordings(int actor) throws IOException {
        try (Stream<Path> files = Files.list(TestModels.ravdess().resolve(String.format("Actor_%02d", actor)))) {
            // four emotions, the first statement's two takes at normal intensity
            return files.filter(f -> f.getFileName().toString().matches("03-01-0[1345]-01-01-0[12]-\\d\\d\\.flac"))
                    .sorted().toList();
        }
    }

    private static S3Client client(LocalStack stack) {
        return S3Client.builder().endpointOverride(stack.s3Endpoint()).forcePathStyle(true).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
    }

    private static String[] concat(String[] a) {
        return Stream.concat(Stream.of(a), Stream.of(TINY_MLP)).toArray(String[]::new);
    }
}
