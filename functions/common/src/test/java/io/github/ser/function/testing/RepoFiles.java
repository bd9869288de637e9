package io.github.ser.function.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files tests read from the repository ({@code events/}, the default model) and from {@code ../shared}. */
public final class RepoFiles {
    private RepoFiles() {
    }

    /** The repository root: the nearest directory above the working directory with {@code events/} and a pom. */
    public static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isDirectory(dir.resolve("events")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("no repository root (with events/) above " + Path.of("").toAbsolutePath());
    }

    /** The text of {@code events/<name>}. */
    public static String event(String name) {
        try {
            return Files.readString(root().resolve("events").resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code ../shared}, or wherever the {@code ser.shared.dir} property (set by surefire) points. */
    public static Path shared() {
        String configured = System.getProperty("ser.shared.dir");
        return configured != null ? Path.of(configured) : root().resolve("../shared").normalize();
    }

    public static byte[] sharedBytes(String relative) {
        try {
            return Files.readAllBytes(shared().resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The model artifact tests use: the committed default model, or the one named by the {@code ser.test.model}
     * property. Tests that need a model are skipped (never faked) while there is none.
     */
    public static Path model() {
        String configured = System.getProperty("ser.test.model");
        return configured != null ? Path.of(configured) : root().resolve("layers/emotion-model/model/emotion-model.zip");
    }

    public static boolean hasModel() {
        return Files.isRegularFile(model());
    }
}
