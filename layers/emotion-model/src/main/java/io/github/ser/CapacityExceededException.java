package io.github.ser;

/**
 * Our own trouble, never the clip's: too much audio already in analysis ({@link AnalysisGate}) or not enough memory
 * left. Callers answer it as retryable (the API with 503 and {@code Retry-After}, the tagging function by failing the
 * invocation so Lambda retries it), and never record it as the clip's error.
 */
public final class CapacityExceededException extends RuntimeException {
    /** How long a caller should wait before trying again, when nothing better is known. */
    public static final int DEFAULT_RETRY_AFTER_SECONDS = 2;

    private final int retryAfterSeconds;

    public CapacityExceededException(String message, int retryAfterSeconds, Throwable cause) {
        super(message, cause);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
