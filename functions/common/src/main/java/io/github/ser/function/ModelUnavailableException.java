package io.github.ser.function;

/** The model artifact could not be loaded: our fault, never the caller's (HTTP 503, Lambda retry). */
public final class ModelUnavailableException extends RuntimeException {
    public static final String CODE = "model_unavailable";

    public ModelUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
