package io.github.ser.function.testing;

import io.github.ser.RepositoryLayout;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files tests read from the repository ({@code events/}, the default model) and from {@code ../shared}. */
public final class RepoFiles {
    private RepoFiles() {
    }

    public static Path root() {
        return RepositoryLayout.root();
    }

    /** The text of {@code events/<name>}. */
    public static String event(String name) {
        try {
            return Files.readString(RepositoryLayout.events().resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path shared() {
        return RepositoryLayout.shared();
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
     * property.
     */
    public static Path model() {
        String configured = System.getProperty("ser.test.model");
        return configured != null ? Path.of(configured) : RepositoryLayout.committedModel();
    }

    /**
     * For tests that need the model: skipped (never faked) on a developer's machine while there is none, but a
     * failure under {@code CI=true}, where a missing model means a broken checkout, not work in progress.
     */
    public static void requireModel() {
        if (Files.isRegularFile(model())) {
            return;
        }
        String message = "no model artifact at " + model() + " (train one with ./ser train, or set -Dser.test.model)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(message + "; under CI=true this fails instead of skipping");
        }
        Assumptions.abort(message);
    }
}
