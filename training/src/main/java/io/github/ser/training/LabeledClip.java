package io.github.ser.training;

import io.github.ser.model.Emotions;
import java.nio.file.Path;

/**
 * One training or test recording.
 *
 * @param file    the audio file
 * @param emotion canonical label (see {@link Emotions})
 * @param speaker who speaks, unique across corpora (e.g. {@code ravdess-07}, {@code OAF})
 * @param corpus  {@code ravdess} or {@code tess}
 * @param speed   playback speed for training-time augmentation: 1 is the recording as it is, 1.1 plays it 10%
 *                faster and higher (Kaldi-style speed perturbation: new voices for a speaker-independent model)
 */
public record LabeledClip(Path file, String emotion, String speaker, String corpus, double speed) {

    public static final String RAVDESS = "ravdess";
    public static final String TESS = "tess";

    public LabeledClip(Path file, String emotion, String speaker, String corpus) {
        this(file, emotion, speaker, corpus, 1.0);
    }

    /** The same recording played at another speed. */
    public LabeledClip atSpeed(double newSpeed) {
        return new LabeledClip(file, emotion, speaker, corpus, newSpeed);
    }

    /** True for the recording itself, false for an augmented copy (which is never test data). */
    public boolean isOriginal() {
        return speed == 1.0;
    }

    /** The RAVDESS actor number, or -1 for other corpora. */
    public int ravdessActor() {
        return RAVDESS.equals(corpus) ? Integer.parseInt(speaker.substring(speaker.indexOf('-') + 1)) : -1;
    }
}
