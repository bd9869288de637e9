package io.github.ser.cli;

import io.github.ser.RepositoryLayout;

import java.nio.file.Path;

/** Where the CLI finds things by default: in the repository ({@link RepositoryLayout}) and in ../shared beside it. */
final class SerPaths {

    static final String MODEL_ENV = "SER_MODEL_PATH";

    private SerPaths() {
    }

    /** {@code $SER_MODEL_PATH}, else the committed default model. */
    static Path defaultModel() {
        String env = System.getenv(MODEL_ENV);
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return RepositoryLayout.committedModel();
    }

    static Path defaultFolds() {
        return RepositoryLayout.shared().resolve("datasets/ravdess-folds.json");
    }

    static Path defaultRavdess() {
        return RepositoryLayout.shared().resolve("datasets/ravdess-speech-16k");
    }
}
