package io.github.ser.testing;

import io.github.ser.RepositoryLayout;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * ../shared (datasets and golden references), which lives beside the repository and is never copied into it. A test
 * that reaches for a part that is not there is skipped (a failure under {@code CI=true}) by {@link Prerequisites}.
 */
public final class SharedData {
    private SharedData() {
    }

    public static Path root() {
        return RepositoryLayout.shared();
    }

    public static Path golden() {
        return require("golden");
    }

    public static Path datasets() {
        return require("datasets");
    }

    /** {@code ../shared/<relative>}, a file or folder that must exist. */
    public static Path require(String relative) {
        Path path = root().resolve(relative);
        Prerequisites.require(Files.exists(path), "no " + path + ": the shared test data (RAVDESS and TESS clips, "
                + "librosa golden references) is not beside the repository; put the project's shared/ folder at ../shared, "
                + "or point -Dser.shared.dir=DIR at it");
        return path;
    }
}
