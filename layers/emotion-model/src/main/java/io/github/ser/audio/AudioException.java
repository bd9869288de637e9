package io.github.ser.audio;

/** A clip that cannot be analysed, with a stable machine-readable code and a message for people. */
public final class AudioException extends Exception {
    private final AudioErrorCode code;

    public AudioException(AudioErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public AudioException(AudioErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public AudioErrorCode code() {
        return code;
    }
}
