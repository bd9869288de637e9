package io.github.ser.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ser.RepositoryLayout;
import io.github.ser.function.testing.RepoFiles;
import io.github.ser.testing.Prerequisites;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ./ser cold-start} on one function, for real: the layer and the batch function packaged by their Makefiles as
 * {@code sam build} does, then a fresh JVM laid out like Lambda's constructs the handler and answers the function's own
 * sample event ({@code events/s3-batch.json}) against S3Mock. The command runs in a child JVM on a copy of the
 * repository, so that the Makefiles' Maven builds never rewrite the jars of the build that runs this test.
 */
class ColdStartCommandTest {

    /** Not copied: build output, version control, local state. */
    private static final Set<String> LEFT_OUT = Set.of("target", ".git", ".aws-sam", ".idea", ".cifuzz-corpus",
            "local-data", "node_modules");

    @TempDir
    Path temp;

    @Test
    void timesTheBatchFunctionOnAnS3BatchEvent() throws Exception {
        RepoFiles.requireModel(); // the layer's Makefile ships it
        Prerequisites.requireMake();
        Path copy = copyOfRepository(temp.resolve("repository"));
        Path out = temp.resolve("cold-start.json");
        Path err = temp.resolve("cold-start.log");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dser.repo.dir=" + copy, SerCli.class.getName(),
                "cold-start", "--function", "BatchTaggingFunction", "--runs", "1", "--format", "json",
                "--artifacts", temp.resolve("artifacts").toString());
        Process ser = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!ser.waitFor(10, TimeUnit.MINUTES)) {
            ser.destroyForcibly();
            throw new AssertionError("cold-start did not finish in 10 minutes:\n" + Files.readString(err));
        }
        assertEquals(0, ser.exitValue(), Files.readString(out) + Files.readString(err));

        JsonNode functions = new ObjectMapper().readTree(out.toFile()).get("functions");
        List<String> names = new ArrayList<>();
        functions.fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("BatchTaggingFunction"), names);
        JsonNode batch = functions.get("BatchTaggingFunction");
        assertEquals("events/s3-batch.json", batch.get("event").asText());
        assertTrue(batch.get("initMillis").asDouble() > 0, batch.toString());
        // the task was done, a recognition of the clip the event names, not an error answered at once
        String response = batch.get("runs").get(0).get("response").asText();
        assertTrue(response.contains("resultCode=Succeeded"), response);
    }

    private static Path copyOfRepository(Path to) throws IOException {
        Path from = RepositoryLayout.root();
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                if (!dir.equals(from) && LEFT_OUT.contains(dir.getFileName().toString())) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                if (attributes.isRegularFile()) {
                    Files.copy(file, to.resolve(from.relativize(file).toString()));
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return to;
    }
}
