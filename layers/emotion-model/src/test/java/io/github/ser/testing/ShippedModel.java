package io.github.ser.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** The committed default model, {@code layers/emotion-model/model/emotion-model.zip}, or {@code -Dser.test.model}. */
public final class ShippedModel {
    private ShippedModel() {
    }

    /** The artifact's path; tests that need it skip (never fake) when it is absent. */
    public static Path path() {
        String configured = System.getProperty("ser.test.model");
        if (configured != null) {
            return Path.of(configured);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("layers/emotion-model/model/emotion-model.zip");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return Path.of("layers/emotion-model/model/emotion-model.zip");
    }

    public static boolean exists() {
        return Files.isRegularFile(path());
    }
}
