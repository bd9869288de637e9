package io.github.ser;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where things are in a checkout of this repository, for the tools and the tests; serving never asks (in Lambda the
 * layer's paths apply). The one way the root is found: {@code -Dser.repo.dir} (set by the {@code ./ser} launcher and
 * by the build for every test), else the nearest directory at or above the working directory that holds the engine
 * module.
 */
public final class RepositoryLayout {

    /** The engine module, which is also the Lambda layer's source. */
    public static final String ENGINE_MODULE = "layers/emotion-model";
    /**
     * The default model, relative to the engine module. The layer ships the module's {@code model/} folder as its
     * own, which Lambda mounts under {@code /opt}: so the same relative path names the deployed model.
     */
    public static final String MODEL_FILE = "model/emotion-model.zip";

    private RepositoryLayout() {
    }

    /** @throws IllegalStateException outside a checkout, saying how to point at one */
    public static Path root() {
        String configured = System.getProperty("ser.repo.dir");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path here = Path.of("").toAbsolutePath();
        for (Path dir = here; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve(ENGINE_MODULE))) {
                return dir;
            }
        }
        throw new IllegalStateException("not inside a checkout of the repository (no " + ENGINE_MODULE + " at or above "
                + here + "): run from the repository, or set -Dser.repo.dir=DIR");
    }

    /** The committed default model. */
    public static Path committedModel() {
        return root().resolve(ENGINE_MODULE).resolve(MODEL_FILE);
    }

    /** {@code events/}: the sample Lambda events. */
    public static Path events() {
        return root().resolve("events");
    }

    /** {@code web/}: the recorder page. */
    public static Path web() {
        return root().resolve("web");
    }

    /** Datasets and golden references: {@code -Dser.shared.dir}, else {@code ../shared} beside the repository. */
    public static Path shared() {
        String configured = System.getProperty("ser.shared.dir");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        return root().resolveSibling("shared").normalize();
    }
}
