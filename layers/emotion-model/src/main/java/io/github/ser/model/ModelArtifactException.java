package io.github.ser.model;

import java.io.IOException;

/** A model artifact that is missing, malformed, or made for a different feature set than this engine computes. */
public final class ModelArtifactException extends IOException {
    public ModelArtifactException(String message) {
        super(message);
    }

    public ModelArtifactException(String message, Throwable cause) {
        super(message, cause);
    }
}
