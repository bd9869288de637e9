package io.github.ser.tagging;

/** Some records of an event could not be processed for reasons worth retrying; causes are attached as suppressed. */
public final class TaggingFailedException extends RuntimeException {
    public TaggingFailedException(int failed, int total) {
        super(failed + " of " + total + " records failed");
    }
}
