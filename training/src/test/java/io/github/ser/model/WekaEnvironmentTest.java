package io.github.ser.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Weka in a fresh JVM whose home directory does not exist (as in Lambda): training must not write to the home,
 * and serving (load + classify) must not write anywhere at all.
 */
class WekaEnvironmentTest {

    @TempDir
    Path dir;

    @Test
    void trainingNeverTouchesTheHomeDirectory() throws Exception {
        Path home = dir.resolve("no-home");
        Path tmp = Files.createDirectories(dir.resolve("tmp-train"));

        Result r = runProbe("train", dir.resolve("model.zip"), home, tmp);

        assertEquals(0, r.exit(), r.output());
        assertFalse(Files.exists(home), "something created " + home);
        assertTrue(Files.isRegularFile(dir.resolve("model.zip")));
        assertFalse(r.output().contains("Unable to create"), r.output());
    }

    @Test
    void loadingAndClassifyingWritesNothingAnywhere() throws Exception {
        Path model = dir.resolve("model.zip");
        assertEquals(0, runProbe("train", model, dir.resolve("h1"), Files.createDirectories(dir.resolve("t1"))).exit());
        Path home = dir.resolve("no-home-either");
        Path tmp = Files.createDirectories(dir.resolve("tmp-serve"));

        Result r = runProbe("load", model, home, tmp);

        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().startsWith("["), r.output());
        assertFalse(Files.exists(home), "something created " + home);
        try (Stream<Path> files = Files.list(tmp)) {
            assertEquals(List.of(), files.toList(), "serving wrote to the temporary directory");
        }
    }

    private record Result(int exit, String output) {
    }

    private static Result runProbe(String mode, Path model, Path home, Path tmp)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.home=" + home, "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"),
                WekaSafetyProbe.class.getName(), mode, model.toString());
        pb.environment().remove("WEKA_HOME");
        pb.environment().remove("HOME");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), output);
    }
}
