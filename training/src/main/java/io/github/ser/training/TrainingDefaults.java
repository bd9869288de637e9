package io.github.ser.training;

/**
 * The shipped model's training recipe, written once: the CLI's defaults, so that {@code ./ser train} with the five
 * corpora reproduces what ships (docs/accuracy.md). Chosen on what transfers to voices, languages and channels never
 * heard (leave-one-corpus-out, clean and through a phone), not on unseen RAVDESS actors: of the recipes compared on
 * 2026-12-04 this one lost 1.4 points of clean mean UA4 against speed copies alone and gained 7.6 through a phone.
 */
public final class TrainingDefaults {

    /**
     * The augmentations training copies are drawn from: new voices (speed), rooms, noise, phone lines, codecs' band
     * limits and clipping. Never the phone protocol's test chain ({@link PhoneDegradation}).
     */
    public static final String AUGMENT = "speed:0.9,speed:1.1,room:0.3+noise:15,room:0.6+telephone,"
            + "noise:10+gain:12,telephone+noise:20,lowpass:4000+room:0.4,gain:15+lowpass:3500";
    /** Copies per training recording, drawn from {@link #AUGMENT} (a fixed choice per file); 0 = one of each. */
    public static final int COPIES = 2;
    /** Features the classifier does not see: none. */
    public static final String IGNORED_FEATURES = "";
    /** Calm stays a class (RAVDESS and TurEV-DB have it); four-class scores count it as neutral. */
    public static final boolean FOLD_CALM = false;

    /** Training features are used as they are. */
    public static final GroupNormalisation NORMALISATION = GroupNormalisation.NONE;

    /** The classifier sees every feature (no cross-corpus selection). */
    public static final int AGREED_FEATURES = 0;

    private TrainingDefaults() {
    }
}
