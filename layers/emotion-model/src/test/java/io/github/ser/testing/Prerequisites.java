package io.github.ser.testing;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The one rule for what a test needs from outside the repository (the model, {@code ../shared}, a browser, make): present,
 * the test runs; absent, it is skipped (never faked) with one line saying what is missing and how to provide it; but
 * under {@code CI=true} absence is a broken set-up, so the test fails instead.
 */
public final class Prerequisites {
    private Prerequisites() {
    }

    /** Returns when {@code present}; otherwise skips, or fails under {@code CI=true}, with {@code missing}. */
    public static void require(boolean present, String missing) {
        if (!present) {
            missing(missing);
        }
    }

    /** For tests that package the Lambda layer or functions with their Makefiles, as {@code sam build} does. */
    public static void requireMake() {
        boolean found = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "make")));
        require(found, "no make on the PATH: the Lambda packages are built by their Makefiles, as sam build does; "
                + "install it (Debian: sudo apt-get install -y make, what .ci/run does)");
    }

    /** Skips the test, or fails it under {@code CI=true}, saying what is {@code missing}; never returns. */
    public static void missing(String missing) {
        if (underCi()) {
            Assertions.fail(missing + " (under CI=true this fails instead of skipping)");
        }
        System.err.println("SKIPPED: " + missing); // surefire's summary only counts skips: say which and why
        Assumptions.abort(missing);
    }

    static boolean underCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }
}
