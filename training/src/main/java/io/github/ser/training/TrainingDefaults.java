package io.github.ser.training;

/**
 * The shipped model's training recipe, written once: the CLI's defaults and the docs refer to these. Chosen on the
 * leave-one-corpus-out protocol (docs/accuracy.md says how, and how many configurations were compared).
 */
public final class TrainingDefaults {

    /** The augmentations training copies are drawn from. */
    public static final String AUGMENT = "speed:0.9,speed:1.1,noise:20,noise:10+speed:1.05,telephone,lowpass:4000";
    /** Copies per training recording, drawn from {@link #AUGMENT}. */
    public static final int COPIES = 2;
    /** Features the classifier does not see: none. */
    public static final String IGNORED_FEATURES = "";
    /** Calm is trained and scored as neutral. */
    public static final boolean FOLD_CALM = true;

    private TrainingDefaults() {
    }
}
