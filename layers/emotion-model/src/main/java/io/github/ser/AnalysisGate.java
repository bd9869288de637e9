package io.github.ser;

/**
 * Back-pressure on the work in flight: bounds the audio-seconds being analysed at once (features and memory grow
 * with duration at the model's rate), so a burst of long clips is turned away with a retryable answer instead of
 * exhausting the heap. Non-blocking: a clip that does not fit is refused at once ({@link CapacityExceededException}),
 * since the caller (an HTTP client, Lambda's retry) is better placed to wait than a thread holding a decoded clip.
 * A clip longer than the whole capacity is still admitted when nothing else is in flight, so every valid clip can
 * eventually be analysed. Thread-safe; one instance is shared by everything that analyses clips in a process.
 */
public final class AnalysisGate {
    private final double capacitySeconds;
    private double inFlightSeconds;

    /** @param capacitySeconds audio-seconds in analysis at once; {@link Double#POSITIVE_INFINITY} for no bound */
    public AnalysisGate(double capacitySeconds) {
        if (!(capacitySeconds > 0)) {
            throw new IllegalArgumentException("capacity must be positive: " + capacitySeconds);
        }
        this.capacitySeconds = capacitySeconds;
    }

    public static AnalysisGate unbounded() {
        return new AnalysisGate(Double.POSITIVE_INFINITY);
    }

    /**
     * Admits a clip of {@code seconds}; close the permit when its analysis is over.
     *
     * @throws CapacityExceededException when the clip does not fit beside those already in flight
     */
    public synchronized Permit enter(double seconds) {
        if (inFlightSeconds > 0 && inFlightSeconds + seconds > capacitySeconds) {
            throw new CapacityExceededException(String.format(java.util.Locale.ROOT,
                    "%.0f s of audio are being analysed; %.0f s more would pass the limit of %.0f s",
                    inFlightSeconds, seconds, capacitySeconds), CapacityExceededException.DEFAULT_RETRY_AFTER_SECONDS, null);
        }
        inFlightSeconds += seconds;
        return new Permit(seconds);
    }

    public synchronized double inFlightSeconds() {
        return inFlightSeconds;
    }

    public double capacitySeconds() {
        return capacitySeconds;
    }

    private synchronized void leave(double seconds) {
        inFlightSeconds = Math.max(0, inFlightSeconds - seconds);
    }

    /** One admitted clip; closing it twice releases it once. */
    public final class Permit implements AutoCloseable {
        private final double seconds;
        private boolean closed;

        private Permit(double seconds) {
            this.seconds = seconds;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                leave(seconds);
            }
        }
    }
}
