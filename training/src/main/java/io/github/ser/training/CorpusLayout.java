package io.github.ser.training;

import io.github.ser.model.Emotions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The folder layouts of the corpora the project trains on, each recognised from what is under {@code --data DIR}.
 * A layout turns a folder into labelled clips with a speaker id unique across corpora; labels are mapped to the
 * lowercase RAVDESS names ({@link Emotions}).
 */
public enum CorpusLayout {

    /** RAVDESS: {@code Actor_NN/03-01-EE-II-SS-RR-AA.wav|flac}; the emotion code is RAVDESS's own order. */
    RAVDESS("ravdess", "English (North American)", "CC BY-NC-SA 4.0") {
        private static final Pattern FILE =
                Pattern.compile("\\d\\d-\\d\\d-(\\d\\d)-\\d\\d-\\d\\d-\\d\\d-(\\d\\d)\\.(wav|flac)");

        @Override
        Optional<LabeledClip> clip(Path root, Path file) {
            Matcher m = FILE.matcher(lowerName(file));
            if (!m.matches()) {
                return Optional.empty();
            }
            int code = Integer.parseInt(m.group(1));
            return code < 1 || code > Emotions.ALL.size() ? Optional.empty()
                    : Optional.of(new LabeledClip(file, Emotions.ALL.get(code - 1), "ravdess-" + m.group(2), id()));
        }
    },

    /** TESS: {@code OAF_angry/OAF_back_angry.wav}; speaker from the folder, emotion the last part of the name. */
    TESS("tess", "English (Canadian)", "CC BY-NC-ND 4.0") {
        private static final Pattern FOLDER = Pattern.compile("(OAF|YAF)_.*", Pattern.CASE_INSENSITIVE);
        private static final Pattern FILE = Pattern.compile(".*_([a-z]+)\\.(wav|flac)");

        @Override
        Optional<LabeledClip> clip(Path root, Path file) {
            Path parent = file.getParent();
            Matcher folder = parent == null ? null : FOLDER.matcher(parent.getFileName().toString());
            Matcher name = FILE.matcher(lowerName(file));
            if (folder == null || !folder.matches() || !name.matches()) {
                return Optional.empty();
            }
            String speaker = folder.group(1).toUpperCase(Locale.ROOT);
            return Emotions.canonical(name.group(1)).map(e -> new LabeledClip(file, e, speaker, id()));
        }
    },

    /** nEMO (Polish): {@code samples/*.wav} with labels and speakers in {@code data.tsv}. */
    NEMO("nemo", "Polish", "CC BY-NC-SA 4.0") {
        @Override
        boolean recognises(Path root) {
            return Files.isRegularFile(root.resolve("data.tsv")) && Files.isDirectory(root.resolve("samples"));
        }

        @Override
        List<LabeledClip> scan(Path root) throws IOException {
            List<LabeledClip> clips = new ArrayList<>();
            List<String> lines = Files.readAllLines(root.resolve("data.tsv"), StandardCharsets.UTF_8);
            List<String> header = List.of(lines.get(0).split("\t"));
            int file = header.indexOf("file_id");
            int emotion = header.indexOf("emotion");
            int speaker = header.indexOf("speaker_id");
            if (file < 0 || emotion < 0 || speaker < 0) {
                throw new IOException(root.resolve("data.tsv") + ": expected columns file_id, emotion, speaker_id");
            }
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split("\t");
                Path clip = root.resolve("samples").resolve(f[file].trim());
                Optional<String> label = Emotions.canonical(f[emotion].trim());
                if (label.isPresent() && Files.isRegularFile(clip)) {
                    clips.add(new LabeledClip(clip, label.get(), "nemo-" + f[speaker].trim(), id()));
                }
            }
            clips.sort((a, b) -> a.file().compareTo(b.file()));
            return clips;
        }
    },

    /** ASED (Amharic): {@code 01Neutral/n1-01-01-01-01.wav}; the speaker is the last field of the file name. */
    ASED("ased", "Amharic", "none stated (described by its authors as freely available)") {
        private static final Pattern FOLDER = Pattern.compile("0\\d([A-Za-z]+)");
        private static final Pattern FILE = Pattern.compile("[a-z]\\d(-\\d+)+-(\\d+)\\.wav");

        @Override
        boolean recognises(Path root) {
            return Files.isDirectory(root.resolve("01Neutral")) && Files.isDirectory(root.resolve("05Angry"));
        }

        @Override
        Optional<LabeledClip> clip(Path root, Path file) {
            Matcher folder = FOLDER.matcher(file.getParent().getFileName().toString());
            Matcher name = FILE.matcher(lowerName(file));
            if (!folder.matches() || !name.matches()) {
                return Optional.empty();
            }
            return Emotions.canonical(folder.group(1)).map(e -> new LabeledClip(file, e, "ased-" + name.group(2), id()));
        }
    },

    /** TurEV-DB (Turkish single words): {@code Sound Source/Angry/1157_hl_acik.wav}; speaker = the leading number. */
    TUREV("turev", "Turkish", "CC BY-NC-ND 4.0") {
        private static final Pattern FILE = Pattern.compile("(\\d+)_.*\\.wav");

        @Override
        boolean recognises(Path root) {
            return Files.isDirectory(root.resolve("Sound Source"));
        }

        @Override
        Optional<LabeledClip> clip(Path root, Path file) {
            Matcher name = FILE.matcher(lowerName(file));
            if (!name.matches()) {
                return Optional.empty();
            }
            return Emotions.canonical(file.getParent().getFileName().toString())
                    .map(e -> new LabeledClip(file, e, "turev-" + name.group(1), id()));
        }
    },

    /**
     * Any other corpus as {@code <label>/<file>} (label folder names as in {@link Emotions#canonical}); the speaker is
     * unknown, so the folder name counts as the corpus and every clip as its own speaker.
     */
    LABEL_FOLDERS("folders", "unknown", "unknown") {
        @Override
        Optional<LabeledClip> clip(Path root, Path file) {
            Path parent = file.getParent();
            if (parent == null || !parent.getParent().equals(root) || !isAudio(file)) {
                return Optional.empty();
            }
            String corpus = root.getFileName().toString().toLowerCase(Locale.ROOT);
            return Emotions.canonical(parent.getFileName().toString())
                    .map(e -> new LabeledClip(file, e, corpus + "-" + file.getFileName(), corpus));
        }
    },

    /** A user's own labelled recordings ({@link UserClips}, for {@code ser tune}); never found by {@link #scanAny}. */
    USER("user", "unknown", "the user's own (the corpora's terms still apply to the model)");

    private final String id;
    private final String language;
    private final String licence;

    CorpusLayout(String id, String language, String licence) {
        this.id = id;
        this.language = language;
        this.licence = licence;
    }

    /** The corpus name recorded with every clip and in the model's manifest. */
    public String id() {
        return id;
    }

    public String language() {
        return language;
    }

    public String licence() {
        return licence;
    }

    /** The layout of a known corpus id, for the manifest's licence column. */
    public static Optional<CorpusLayout> byId(String id) {
        return Stream.of(values()).filter(l -> l.id.equals(id)).findFirst();
    }

    /** Whether {@code root} is laid out like this corpus; the file-name layouts decide per file instead. */
    boolean recognises(Path root) {
        return false;
    }

    /** Every clip under {@code root}, sorted by path. */
    List<LabeledClip> scan(Path root) throws IOException {
        return walk(root, file -> clip(root, file));
    }

    /** The clip one file is, if its path follows this layout. */
    Optional<LabeledClip> clip(Path root, Path file) {
        return Optional.empty();
    }

    /** Folder layouts (nEMO, ASED, TurEV) first, then file-name layouts (RAVDESS, TESS), then label folders. */
    static List<LabeledClip> scanAny(Path root) throws IOException {
        for (CorpusLayout layout : List.of(NEMO, ASED, TUREV)) {
            if (layout.recognises(root)) {
                return layout.scan(root);
            }
        }
        List<LabeledClip> named = walk(root, file -> RAVDESS.clip(root, file).or(() -> TESS.clip(root, file)));
        return named.isEmpty() ? LABEL_FOLDERS.scan(root) : named;
    }

    private static List<LabeledClip> walk(Path root, Function<Path, Optional<LabeledClip>> recognise)
            throws IOException {
        // corpora are often symlinked into place
        try (Stream<Path> files = Files.walk(root, FileVisitOption.FOLLOW_LINKS)) {
            return files.filter(Files::isRegularFile).sorted().map(recognise).flatMap(Optional::stream).toList();
        }
    }

    private static String lowerName(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT);
    }

    private static boolean isAudio(Path file) {
        return lowerName(file).matches(".*\\.(wav|flac|aiff?|aifc)");
    }
}
