package io.github.ser.features;

/** A stretch of a signal, in samples: {@code [start, end)}. */
public record Segment(int start, int end) {
    public int length() {
        return end - start;
    }
}
