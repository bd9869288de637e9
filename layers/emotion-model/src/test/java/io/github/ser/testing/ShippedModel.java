package io.github.ser.testing;

import io.github.ser.RepositoryLayout;

import java.nio.file.Files;
import java.nio.file.Path;

/** The committed default model, {@code layers/emotion-model/model/emotion-model.zip}, or {@code -Dser.test.model}. */
public final class ShippedModel {
    private ShippedModel() {
    }

    /** The artifact's path, present or not. */
    public static Path path() {
        String configured = System.getProperty("ser.test.model");
        return configured != null ? Path.of(configured) : RepositoryLayout.committedModel();
    }

    public static boolean exists() {
        return Files.isRegularFile(path());
    }

    /**
     * The artifact, for tests that need it: skipped (never faked) on a developer's machine while there is none, a
     * failure under {@code CI=true}, where a missing model means a broken checkout, not work in progress.
     */
    public static Path require() {
        Prerequisites.require(exists(), "no model artifact at " + path()
                + " (train one with ./ser train, or point -Dser.test.model=FILE at one)");
        return path();
    }
}
