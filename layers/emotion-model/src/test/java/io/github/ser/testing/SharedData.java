package io.github.ser.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds ../shared (datasets and golden references), which lives beside the repository and is never copied into it. */
public final class SharedData {
    private SharedData() {
    }

    public static Path root() {
        String configured = System.getProperty("ser.shared.dir");
        if (configured != null && Files.isDirectory(Path.of(configured))) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            Path candidate = p.resolveSibling("shared");
            if (Files.isDirectory(candidate.resolve("datasets"))) {
                return candidate.normalize();
            }
        }
        throw new IllegalStateException("../shared not found beside the repository (set -Dser.shared.dir)");
    }

    public static Path golden() {
        return root().resolve("golden");
    }

    public static Path datasets() {
        return root().resolve("datasets");
    }
}
