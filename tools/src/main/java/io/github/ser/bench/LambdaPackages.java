package io.github.ser.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The Lambda artifacts exactly as {@code sam build} makes them: each resource's Makefile target run with
 * {@code ARTIFACTS_DIR}. The functions and their handlers are read from {@code template.yaml}, the one place that
 * names them.
 */
public final class LambdaPackages {

    /** A packaged function: its directory (classes at the root, jars in lib/) and its handler class. */
    public record Function(String name, Path dir, String handlerClass) {
    }

    private static final Pattern FUNCTION = Pattern.compile(
            "\\n  (\\w+Function):\\n    Type: AWS::Serverless::Function\\n(?:    .*\\n)*?      CodeUri: (\\S+)\\n"
                    + "(?:    .*\\n)*?      Handler: ([\\w.$]+)::");

    private LambdaPackages() {
    }

    /** Runs {@code layers/emotion-model/Makefile} into {@code out}; the layer's {@code java/lib} and {@code model}. */
    public static Path buildLayer(Path repository, Path out) throws IOException, InterruptedException {
        make(repository, repository.resolve("layers/emotion-model/Makefile"), "build-EmotionModelLayer", out, List.of());
        return out;
    }

    /** The same, compiling the engine in {@code engineBuild} (a running build's own target/ is left alone). */
    public static Path buildLayer(Path repository, Path out, Path engineBuild) throws IOException, InterruptedException {
        make(repository, repository.resolve("layers/emotion-model/Makefile"), "build-EmotionModelLayer", out,
                List.of("ENGINE_BUILD=" + engineBuild.toAbsolutePath()));
        return out;
    }

    /** The given functions of {@link #declaredFunctions}, each packaged by its Makefile into {@code out/<name>}. */
    public static List<Function> buildFunctions(Path repository, List<Function> declaredFunctions, Path out)
            throws IOException, InterruptedException {
        List<Function> functions = new ArrayList<>();
        for (Function declared : declaredFunctions) {
            Path dir = out.resolve(declared.name());
            make(repository, declared.dir().resolve("Makefile"), "build-" + declared.name(), dir, List.of());
            functions.add(new Function(declared.name(), dir, declared.handlerClass()));
        }
        return functions;
    }

    /** The functions of {@code template.yaml}: name, source directory, handler class. */
    public static List<Function> declaredFunctions(Path repository) throws IOException {
        String template = Files.readString(repository.resolve("template.yaml"));
        List<Function> functions = new ArrayList<>();
        Matcher m = FUNCTION.matcher(template);
        while (m.find()) {
            functions.add(new Function(m.group(1), repository.resolve(m.group(2)), m.group(3)));
        }
        if (functions.isEmpty()) {
            throw new IOException("no AWS::Serverless::Function with CodeUri and Handler found in template.yaml");
        }
        return functions;
    }

    /** The jar file names in {@code dir} (not recursive). */
    public static Set<String> jarNames(Path dir) throws IOException {
        Set<String> names = new TreeSet<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jar")).forEach(names::add);
            }
        }
        return names;
    }

    /** The size of {@code dir} zipped as SAM uploads it (deflate, default level). */
    public static long zippedSize(Path dir) throws IOException {
        Path zip = Files.createTempFile("ser-package", ".zip");
        try {
            try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(file);
                 Stream<Path> files = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                    out.putNextEntry(new ZipEntry(dir.relativize(p).toString()));
                    Files.copy(p, out);
                    out.closeEntry();
                }
            }
            return Files.size(zip);
        } finally {
            Files.deleteIfExists(zip);
        }
    }

    private static void make(Path repository, Path makefile, String target, Path out, List<String> variables)
            throws IOException, InterruptedException {
        Files.createDirectories(out);
        Path log = Files.createTempFile("ser-make", ".log");
        try {
            List<String> command = new ArrayList<>(List.of("make", "-s", "-f", makefile.toString(), target,
                    "ARTIFACTS_DIR=" + out.toAbsolutePath()));
            command.addAll(variables);
            Process make = new ProcessBuilder(command)
                    .directory(repository.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (make.waitFor() != 0) {
                throw new IOException("make -f " + repository.relativize(makefile) + " " + target + " failed:\n"
                        + Files.readString(log));
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
