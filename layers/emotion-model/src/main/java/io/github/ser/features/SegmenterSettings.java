package io.github.ser.features;

/**
 * How long clips are cut into stretches of speech.
 *
 * @param splitAboveSeconds clips up to this long are analysed whole
 * @param minSegmentSeconds shorter pieces are merged into a neighbour
 * @param maxSegmentSeconds longer stretches are cut (at the quietest point when there is no pause)
 */
public record SegmenterSettings(double splitAboveSeconds, double minSegmentSeconds, double maxSegmentSeconds) {
    public SegmenterSettings {
        if (minSegmentSeconds <= 0 || maxSegmentSeconds < minSegmentSeconds || splitAboveSeconds < minSegmentSeconds) {
            throw new IllegalArgumentException("need 0 < min <= max and splitAbove >= min");
        }
    }

    public static SegmenterSettings defaults() {
        return new SegmenterSettings(8.0, 1.5, 8.0);
    }
}
