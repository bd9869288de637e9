package io.github.ser.training;

import io.github.ser.model.Emotions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A user's labelled recordings for {@code ser tune}: {@code <label>/<file>} or {@code <speaker>/<label>/<file>}
 * under a folder, labels as {@link Emotions#canonical} reads them (case-insensitive, synonyms such as {@code fear}).
 * Speakers come from the speaker folders or from a {@code speakers.tsv} at the root ({@code file<TAB>speaker}, the
 * file as its path under the root or its bare name); a clip with neither is its own speaker. Every clip belongs to
 * the corpus {@link CorpusLayout#USER}. A folder named as no emotion is refused, not skipped: a typo would silently
 * drop the user's clips.
 */
public final class UserClips {

    public static final String CORPUS = CorpusLayout.USER.id();
    public static final String SPEAKERS_FILE = "speakers.tsv";

    private UserClips() {
    }

    /** Every clip under {@code root}, sorted by path; hidden files and {@code speakers.tsv} are not clips. */
    public static List<LabeledClip> scan(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IOException("not a directory: " + root);
        }
        Map<String, String> speakers = speakers(root.resolve(SPEAKERS_FILE));
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root, FileVisitOption.FOLLOW_LINKS)) {
            files = walk.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("."))
                    .filter(f -> !f.equals(root.resolve(SPEAKERS_FILE))).sorted().toList();
        }
        List<LabeledClip> clips = new ArrayList<>();
        for (Path file : files) {
            Path relative = root.relativize(file);
            int depth = relative.getNameCount();
            if (depth != 2 && depth != 3) {
                throw new IllegalArgumentException(root + ": " + relative + " is not laid out as <label>/<file> or "
                        + "<speaker>/<label>/<file>");
            }
            String folder = relative.getName(depth - 2).toString();
            String emotion = Emotions.canonical(folder).orElseThrow(() -> new IllegalArgumentException(root + ": "
                    + "folder '" + folder + "' (of " + relative + ") is not an emotion; label folders are named "
                    + String.join(", ", Emotions.ALL) + " (any case; fear, anger, happiness, ... also read)"));
            String speaker = depth == 3 ? relative.getName(0).toString()
                    : speakers.getOrDefault(unixPath(relative),
                    speakers.get(relative.getFileName().toString()));
            clips.add(new LabeledClip(file, emotion,
                    CORPUS + "-" + (speaker != null ? speaker : "file:" + file.toAbsolutePath()), CORPUS));
        }
        return clips;
    }

    /** Whether any clip has a speaker of its own rather than being its own speaker. */
    public static boolean speakersKnown(List<LabeledClip> clips) {
        return clips.stream().anyMatch(c -> !c.speaker().startsWith(CORPUS + "-file:"));
    }

    /** {@code speakers.tsv}: file (path under the root or bare name) TAB speaker; blank and # lines skipped. */
    private static Map<String, String> speakers(Path tsv) throws IOException {
        Map<String, String> speakers = new HashMap<>();
        if (!Files.isRegularFile(tsv)) {
            return speakers;
        }
        List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#") || i == 0 && line.equalsIgnoreCase("file\tspeaker")) {
                continue;
            }
            String[] fields = line.split("\t");
            if (fields.length != 2 || fields[0].isBlank() || fields[1].isBlank()) {
                throw new IllegalArgumentException(tsv + " line " + (i + 1) + ": expected file<TAB>speaker, got '"
                        + line + "'");
            }
            speakers.put(fields[0].strip(), fields[1].strip());
        }
        return speakers;
    }

    private static String unixPath(Path relative) {
        return relative.toString().replace('\\', '/');
    }
}
