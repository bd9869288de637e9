package io.github.ser.audio;

/** Why a clip could not be analysed. The {@link #code()} strings are a public contract (API errors, S3 tags). */
public enum AudioErrorCode {
    EMPTY("empty_audio"),
    UNSUPPORTED_FORMAT("unsupported_format"),
    CORRUPT_AUDIO("corrupt_audio"),
    TOO_LARGE("too_large"),
    TOO_LONG("too_long"),
    TOO_SHORT("too_short"),
    SILENT("silent");

    private final String code;

    AudioErrorCode(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
