package io.github.ser.function.testing;

import io.github.ser.RepositoryLayout;
import io.github.ser.testing.SharedData;
import io.github.ser.testing.ShippedModel;

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
        return SharedData.root();
    }

    /** The bytes of {@code ../shared/<relative>}; the test is skipped (failed under CI=true) without it. */
    public static byte[] sharedBytes(String relative) {
        try {
            return Files.readAllBytes(SharedData.require(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The model artifact tests use: the committed default model, or the one named by the {@code ser.test.model}
     * property.
     */
    public static Path model() {
        return ShippedModel.path();
    }

    /** For tests that need the model: see {@link ShippedModel#require()}. */
    public static void requireModel() {
        ShippedModel.require();
    }
}
