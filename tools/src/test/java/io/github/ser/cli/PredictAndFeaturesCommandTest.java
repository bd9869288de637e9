package io.github.ser.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ser.EmotionRecognizer;
import io.github.ser.RecognizerSettings;
import io.github.ser.features.FeatureSets;
import io.github.ser.function.testing.RepoFiles;
import io.github.ser.model.Emotions;
import io.github.ser.training.TestModels;
import io.github.ser.testing.SharedData;
import io.github.ser.testing.CompressedClips;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PredictAndFeaturesCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void predictPrintsOneJsonObjectPerFile() throws IOException {
        List<String> files = samples();

        CliRun run = CliRun.of(withFiles(files, "predict", "--model", TestModels.smallRavdessModel().toString()));

        assertEquals(0, run.exit(), run.err());
        assertEquals(4, run.lines().size(), run.out());
        for (int i = 0; i < files.size(); i++) {
            JsonNode p = JSON.readTree(run.lines().get(i));
            assertEquals(files.get(i), p.get("file").asText());
            assertTrue(Emotions.ALL.contains(p.get("emotion").asText()));
            assertEquals(p.get("probabilities").get(p.get("emotion").asText()).asDouble(),
                    p.get("confidence").asDouble(), 1e-12);
            List<String> labels = new ArrayList<>();
            p.get("probabilities").fieldNames().forEachRemaining(labels::add);
            assertEquals(Emotions.ALL, labels);
            assertTrue(p.get("durationSeconds").asDouble() > 1);
            assertTrue(p.get("model").asText().startsWith("ser-seed-v"));
            assertFalse(p.has("segments"));
            assertFalse(p.has("timings"));
        }
    }

    /** Files in every compressed format, with misleading names: the format comes from the bytes. */
    @Test
    void predictReadsCompressedFormatsAndGivesTheCommittedModelsAnswer() throws Exception {
        RepoFiles.requireModel();
        Path model = RepoFiles.model();
        EmotionRecognizer recognizer = EmotionRecognizer.load(model, RecognizerSettings.defaults());
        List<String> files = new ArrayList<>();
        for (CompressedClips.Clip clip : CompressedClips.ALL) {
            Path file = dir.resolve(clip.name() + ".bin");
            Files.write(file, clip.bytes());
            files.add(file.toString());
        }

        CliRun run = CliRun.of(withFiles(files, "predict", "--model", model.toString()));

        assertEquals(0, run.exit(), run.err() + run.out());
        for (int i = 0; i < files.size(); i++) {
            JsonNode p = JSON.readTree(run.lines().get(i));
            assertEquals(recognizer.recognize(CompressedClips.ALL.get(i).bytes()).emotion(), p.get("emotion").asText(),
                    files.get(i));
        }
    }

    @Test
    void badFilesGetAnErrorLineAndANonZeroExitWithoutStackTraces() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.wav"), "not audio");
        Path empty = Files.write(dir.resolve("empty.wav"), new byte[0]);
        String good = samples().get(0);

        CliRun run = CliRun.of("predict", "--model", TestModels.smallRavdessModel().toString(), text.toString(),
                good, empty.toString(), dir.resolve("missing.wav").toString());

        assertEquals(SerCli.SOME_FILES_FAILED, run.exit());
        List<String> lines = run.lines();
        assertEquals(4, lines.size(), run.out());
        assertEquals("unsupported_format", JSON.readTree(lines.get(0)).get("error").asText());
        assertEquals(text.toString(), JSON.readTree(lines.get(0)).get("file").asText());
        assertTrue(JSON.readTree(lines.get(1)).has("emotion"));
        assertEquals("empty_audio", JSON.readTree(lines.get(2)).get("error").asText());
        assertEquals("unreadable_file", JSON.readTree(lines.get(3)).get("error").asText());
        assertFalse(run.out().contains("\tat ") || run.err().contains("\tat "), run.err());
    }

    /** Issue #9, case 8: /dev/zero and oversized files are refused before they are read, and the batch goes on. */
    @Test
    void endlessAndHugeFilesAreRefusedBeforeReadingAndTheBatchGoesOn() throws IOException {
        Path huge = dir.resolve("huge.wav");
        try (java.io.RandomAccessFile sparse = new java.io.RandomAccessFile(huge.toFile(), "rw")) {
            sparse.setLength(io.github.ser.audio.AudioLimits.DEFAULT_MAX_BYTES + 1);   // sparse: no disk used
        }
        String good = samples().get(0);

        CliRun run = CliRun.of("predict", "--model", TestModels.smallRavdessModel().toString(), "/dev/zero",
                huge.toString(), good, dir.toString());

        assertEquals(SerCli.SOME_FILES_FAILED, run.exit());
        List<String> lines = run.lines();
        assertEquals(4, lines.size(), run.out());
        assertEquals("too_large", JSON.readTree(lines.get(0)).get("error").asText(), lines.get(0));
        assertEquals("too_large", JSON.readTree(lines.get(1)).get("error").asText(), lines.get(1));
        assertTrue(JSON.readTree(lines.get(2)).has("emotion"), lines.get(2));
        assertEquals("unreadable_file", JSON.readTree(lines.get(3)).get("error").asText(), lines.get(3));
        assertFalse(run.out().contains("\tat ") || run.err().contains("\tat "), run.err());
    }

    /** Issue 19, point 6: a FIFO nobody writes to is given up on with a clear line, and the batch goes on. */
    @Test
    void aFifoWithNoWriterIsGivenUpOnAndTheBatchGoesOn() throws Exception {
        Path fifo = dir.resolve("silent.fifo");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor(), "mkfifo");
        String good = samples().get(0);

        CliRun run = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> CliRun.of("predict", "--model",
                TestModels.smallRavdessModel().toString(), "--read-timeout", "1", fifo.toString(), good));

        assertEquals(SerCli.SOME_FILES_FAILED, run.exit());
        List<String> lines = run.lines();
        assertEquals(2, lines.size(), run.out());
        JsonNode refused = JSON.readTree(lines.get(0));
        assertEquals("unreadable_file", refused.get("error").asText(), lines.get(0));
        assertTrue(refused.get("message").asText().contains("FIFO"), lines.get(0));
        assertTrue(JSON.readTree(lines.get(1)).has("emotion"), lines.get(1));
    }

    @Test
    void predictAsATable() throws IOException {
        CliRun run = CliRun.of(withFiles(samples(), "predict", "--format", "table", "--model",
                TestModels.smallRavdessModel().toString()));

        assertEquals(0, run.exit(), run.err());
        assertEquals(5, run.lines().size(), run.out());
        assertTrue(run.lines().get(0).startsWith("FILE"));
        assertTrue(run.lines().get(4).contains("YAF_germ_angry.wav"));
    }

    @Test
    void aMissingModelIsOneClearLine() {
        CliRun run = CliRun.of("predict", "--model", dir.resolve("none.zip").toString(), samples().get(0));

        assertEquals(SerCli.CANNOT_RUN, run.exit());
        assertTrue(run.err().contains("model artifact not found"), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
    }

    @Test
    void featuresPrintsTheVectorWithItsNames() throws IOException {
        CliRun run = CliRun.of(withFiles(samples(), "features", "--set", "seed"));

        assertEquals(0, run.exit(), run.err());
        assertEquals(4, run.lines().size());
        for (String line : run.lines()) {
            JsonNode f = JSON.readTree(line);
            assertEquals("seed", f.get("set").asText());
            assertEquals(180, f.get("names").size());
            assertEquals(180, f.get("features").size());
            f.get("features").forEach(x -> assertTrue(Double.isFinite(x.asDouble())));
        }
        JsonNode speech = JSON.readTree(CliRun.of("features", samples().get(0)).lines().get(0));
        assertEquals(FeatureSets.defaultSet().name(), speech.get("set").asText());
        assertEquals(FeatureSets.defaultSet().version(), speech.get("version").asInt());
        assertEquals(speech.get("names").size(), speech.get("features").size());
    }

    private static List<String> samples() {
        Path samples = SharedData.datasets().resolve("samples");
        return List.of("03-01-05-02-01-01-01.wav", "03-01-06-01-01-02-20.wav", "OAF_food_fear.wav",
                "YAF_germ_angry.wav").stream().map(n -> samples.resolve(n).toString()).toList();
    }

    /** The given arguments followed by the files. */
    private static String[] withFiles(List<String> files, String... head) {
        List<String> all = new ArrayList<>(List.of(head));
        all.addAll(files);
        return all.toArray(String[]::new);
    }
}
