package io.github.ser.testing;

import io.github.ser.RepositoryLayout;

import java.nio.file.Path;

/** ../shared (datasets and golden references), which lives beside the repository and is never copied into it. */
public final class SharedData {
    private SharedData() {
    }

    public static Path root() {
        return RepositoryLayout.shared();
    }

    public static Path golden() {
        return root().resolve("golden");
    }

    public static Path datasets() {
        return root().resolve("datasets");
    }
}
