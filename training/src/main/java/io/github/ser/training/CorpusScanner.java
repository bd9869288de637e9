package io.github.ser.training;

import io.github.ser.model.Emotions;
import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds labelled clips under a folder by their file names: RAVDESS ({@code 03-01-EE-II-SS-RR-AA.wav|flac})
 * and TESS ({@code OAF_angry/OAF_back_angry.wav}). Files that match neither are ignored.
 */
public final class CorpusScanner {

    private static final Pattern RAVDESS =
            Pattern.compile("\\d\\d-\\d\\d-(\\d\\d)-\\d\\d-\\d\\d-\\d\\d-(\\d\\d)\\.(wav|flac)");
    /** TESS: speaker prefix from the folder, emotion = last underscore part of the file name. */
    private static final Pattern TESS_FOLDER = Pattern.compile("(OAF|YAF)_.*", Pattern.CASE_INSENSITIVE);
    private static final Pattern TESS_FILE = Pattern.compile(".*_([A-Za-z]+)\\.(wav|flac)");

    private CorpusScanner() {
    }

    /** Every recognised clip under {@code root}, sorted by path so runs are reproducible. */
    public static List<LabeledClip> scan(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IOException("not a directory: " + root);
        }
        // corpora are often symlinked into place
        try (Stream<Path> files = Files.walk(root, FileVisitOption.FOLLOW_LINKS)) {
            return files.filter(Files::isRegularFile)
                    .sorted()
                    .map(CorpusScanner::recognise)
                    .flatMap(Optional::stream)
                    .toList();
        }
    }

    /** The label of one file, if its name follows a known corpus layout. */
    public static Optional<LabeledClip> recognise(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        Matcher ravdess = RAVDESS.matcher(name);
        if (ravdess.matches()) {
            int code = Integer.parseInt(ravdess.group(1));
            if (code < 1 || code > Emotions.ALL.size()) {
                return Optional.empty();
            }
            return Optional.of(new LabeledClip(file, Emotions.ALL.get(code - 1),
                    LabeledClip.RAVDESS + "-" + ravdess.group(2), LabeledClip.RAVDESS));
        }
        Path parent = file.getParent();
        Matcher folder = parent == null ? null : TESS_FOLDER.matcher(parent.getFileName().toString());
        Matcher tess = TESS_FILE.matcher(name);
        if (folder != null && folder.matches() && tess.matches()) {
            return Emotions.canonical(tess.group(1)).map(emotion -> new LabeledClip(file, emotion,
                    folder.group(1).toUpperCase(Locale.ROOT), LabeledClip.TESS));
        }
        return Optional.empty();
    }
}
