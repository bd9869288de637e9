package io.github.ser.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the CLI finds things by default. The {@code ./ser} launcher passes the repository root as
 * {@code -Dser.repo.dir}; otherwise the working directory or one of its parents that holds the engine module is used.
 */
final class SerPaths {

    static final String MODEL_ENV = "SER_MODEL_PATH";
    private static final String ENGINE_MODULE = "layers/emotion-model";

    private SerPaths() {
    }

    static Path repoRoot() {
        String configured = System.getProperty("ser.repo.dir");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve(ENGINE_MODULE))) {
                return p;
            }
        }
        return here;
    }

    /** {@code $SER_MODEL_PATH}, else the committed default model. */
    static Path defaultModel() {
        String env = System.getenv(MODEL_ENV);
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return repoRoot().resolve(ENGINE_MODULE).resolve("model/emotion-model.zip");
    }

    /** {@code -Dser.shared.dir}, else {@code ../shared} beside the repository. */
    static Path sharedDir() {
        String configured = System.getProperty("ser.shared.dir");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        return repoRoot().resolveSibling("shared").normalize();
    }

    static Path defaultFolds() {
        return sharedDir().resolve("datasets/ravdess-folds.json");
    }

    static Path defaultRavdess() {
        return sharedDir().resolve("datasets/ravdess-speech-16k");
    }
}
