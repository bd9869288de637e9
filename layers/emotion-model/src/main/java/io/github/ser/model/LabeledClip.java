package io.github.ser.model;

import java.nio.file.Path;

/**
 * One training or test recording.
 *
 * @param file    the audio file
 * @param emotion canonical label (see {@link Emotions})
 * @param speaker who speaks, unique across corpora (e.g. {@code ravdess-07}, {@code OAF})
 * @param corpus  {@code ravdess} or {@code tess}
 */
public record LabeledClip(Path file, String emotion, String speaker, String corpus) {

    public static final String RAVDESS = "ravdess";
    public static final String TESS = "tess";

    /** The RAVDESS actor number, or -1 for other corpora. */
    public int ravdessActor() {
        return RAVDESS.equals(corpus) ? Integer.parseInt(speaker.substring(speaker.indexOf('-') + 1)) : -1;
    }
}
