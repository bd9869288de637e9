package io.github.ser.training;

import io.github.ser.model.Emotions;

import java.nio.file.Path;

/**
 * One training or test recording, or an augmented copy of one.
 *
 * @param file         the audio file
 * @param emotion      canonical label (see {@link Emotions})
 * @param speaker      who speaks, unique across corpora (e.g. {@code ravdess-07}, {@code OAF}, {@code nemo-EB0})
 * @param corpus       the corpus id ({@link CorpusLayout#id()})
 * @param augmentation how this copy differs from the recording ({@link Augmentation#NONE} for the recording itself)
 */
public record LabeledClip(Path file, String emotion, String speaker, String corpus, Augmentation augmentation) {

    public static final String RAVDESS = CorpusLayout.RAVDESS.id();
    public static final String TESS = CorpusLayout.TESS.id();

    public LabeledClip(Path file, String emotion, String speaker, String corpus) {
        this(file, emotion, speaker, corpus, Augmentation.NONE);
    }

    /** An augmented copy of this recording. */
    public LabeledClip augmented(Augmentation how) {
        return new LabeledClip(file, emotion, speaker, corpus, how);
    }

    /** The same recording under another label (e.g. calm folded into neutral). */
    public LabeledClip relabelled(String newEmotion) {
        return new LabeledClip(file, newEmotion, speaker, corpus, augmentation);
    }

    /** True for the recording itself, false for an augmented copy (which is never test data). */
    public boolean isOriginal() {
        return augmentation.isNone();
    }

    /** The RAVDESS actor number, or -1 for other corpora. */
    public int ravdessActor() {
        return RAVDESS.equals(corpus) ? Integer.parseInt(speaker.substring(speaker.indexOf('-') + 1)) : -1;
    }
}
