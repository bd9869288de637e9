package io.github.ser.cli;

import io.github.ser.testing.SharedData;
import io.github.ser.training.TestModels;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A small real training set for the CLI's training-side tests: RAVDESS actors 1 and 2, and some of TESS's folders,
 * as links to the shared data (never copies); {@link #close} removes the links first, so the temp dir's cleanup has
 * nothing outside it to warn about.
 */
final class SmallCorpora implements AutoCloseable {

    private final List<Path> links = new ArrayList<>();
    private final Path ravdess;
    private final Path tess;

    /** Under {@code dir}: {@code ravdess/Actor_01}, {@code ravdess/Actor_02} and {@code tess/<each folder>}. */
    SmallCorpora(Path dir, String... tessFolders) throws IOException {
        ravdess = link(dir.resolve("ravdess"), TestModels.ravdess(), "Actor_01", "Actor_02");
        tess = link(dir.resolve("tess"), SharedData.datasets().resolve("tess"), tessFolders);
    }

    String ravdess() {
        return ravdess.toString();
    }

    String tess() {
        return tess.toString();
    }

    private Path link(Path folder, Path source, String... names) throws IOException {
        Files.createDirectories(folder);
        for (String name : names) {
            links.add(Files.createSymbolicLink(folder.resolve(name), source.resolve(name)));
        }
        return folder;
    }

    @Override
    public void close() throws IOException {
        for (Path link : links) {
            Files.deleteIfExists(link);
        }
    }
}
