package io.github.ser.bench;

import io.github.ser.RepositoryLayout;
import io.github.ser.function.testing.RepoFiles;
import io.github.ser.testing.Prerequisites;
import io.github.ser.testing.CompressedClips;
import io.github.ser.testing.SharedData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Lambda layer as {@code sam build} makes it (layers/emotion-model/Makefile with ARTIFACTS_DIR), checked for
 * what it must be: a real recognition with the shipped model of one clip in every format the engine decodes (FLAC
 * and the compressed fixtures of {@link CompressedClips}) runs on exactly its jars, loads classes from every one
 * of them (checked with {@code -verbose:class}: a jar nobody loads is dead weight in every deployment and cold
 * start), none of the jars once found dead is back, and the zip fits its budget.
 */
class LayerPackagingTest {

    /** Weka's dependencies for its GUI, XML, parsers and native BLAS, and what else the layer once carried. */
    private static final List<String> KNOWN_DEAD = List.of("flatlaf", "jfilechooser-bookmarks", "jclipboardhelper",
            "jaxb-runtime", "jakarta.xml.bind-api", "jakarta.activation", "istack-commons", "txw2", "bounce",
            "java-cup", "mtj", "netlib", "arpack", "jniloader", "native_ref", "native_system", "core-1.1",
            "jackson-databind", "jackson-annotations", "picocli", "emotion-training", "ser-tools");
    private static final long LAYER_ZIP_BUDGET_BYTES = 14_000_000;
    private static final Pattern LOADED_FROM = Pattern.compile("source: file:(\\S+\\.jar)");

    private static Path scratch;
    private static Path out;
    private static Path lib;

    @BeforeAll
    static void packageTheLayer() throws Exception {
        RepoFiles.requireModel();
        Prerequisites.requireMake();
        scratch = Files.createTempDirectory("ser-layer");
        out = scratch.resolve("layer");
        LambdaPackages.buildLayer(RepositoryLayout.root(), out, scratch.resolve("engine-build"));
        lib = out.resolve("java/lib");
    }

    @AfterAll
    static void cleanUp() throws IOException {
        if (scratch != null) {
            try (Stream<Path> paths = Files.walk(scratch)) {
                for (Path p : (Iterable<Path>) paths.sorted((a, b) -> b.compareTo(a))::iterator) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    @Test
    void noJarOnceFoundDeadIsBack() throws IOException {
        for (String jar : LambdaPackages.jarNames(lib)) {
            for (String dead : KNOWN_DEAD) {
                assertFalse(jar.startsWith(dead), jar + " is back in the layer, and a recognition never loads it: "
                        + "exclude it where it comes in (mvn -pl layers/emotion-model dependency:tree)");
            }
        }
    }

    @Test
    void aRecognitionOnTheLayerAloneLoadsFromEveryJarItShips() throws Exception {
        Set<String> jars = LambdaPackages.jarNames(lib);
        assertFalse(jars.isEmpty(), "the layer has no jars");
        String classpath = String.join(File.pathSeparator, testClasses().toString(), lib.resolve("*").toString());
        // one clip per format the engine decodes, so every decoder's jar has to serve a real recognition
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-verbose:class", "-cp", classpath, RecognitionProbe.class.getName(),
                out.resolve(RepositoryLayout.MODEL_FILE).toString(),
                SharedData.require("datasets/ravdess-speech-16k/Actor_01/03-01-05-01-01-01-01.flac").toString()));
        for (CompressedClips.Clip compressed : CompressedClips.ALL) {
            command.add(Files.write(scratch.resolve(compressed.name()), compressed.bytes()).toString());
        }
        Path log = Files.createTempFile("verbose-class", ".log");
        try {
            Process java = new ProcessBuilder(command)
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            assertTrue(java.waitFor(120, TimeUnit.SECONDS), "the recognition did not finish in 120 s");
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertEquals(0, java.exitValue(), "a recognition fails on the layer's jars:\n" + tail(output));
            assertEquals(1 + CompressedClips.ALL.size(), output.lines().filter(l -> l.startsWith("recognized ")).count(),
                    "one prediction per clip:\n" + tail(output));

            Set<String> used = new TreeSet<>();
            Matcher m = LOADED_FROM.matcher(output);
            while (m.find()) {
                used.add(Path.of(m.group(1)).getFileName().toString());
            }
            Set<String> unused = new TreeSet<>(jars);
            unused.removeAll(used);
            assertEquals(Set.of(), unused, "the layer ships jars a recognition never loads from: exclude them");
        } finally {
            Files.deleteIfExists(log);
        }
    }

    @Test
    void theLayerZipFitsItsBudget() throws IOException {
        long bytes = LambdaPackages.zippedSize(out);
        assertTrue(bytes <= LAYER_ZIP_BUDGET_BYTES, "the layer zips to " + bytes + " bytes, over its budget of "
                + LAYER_ZIP_BUDGET_BYTES);
    }

    private static Path testClasses() throws Exception {
        return Path.of(RecognitionProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static String tail(String text) {
        return text.length() <= 4000 ? text : text.substring(text.length() - 4000);
    }
}
