package io.github.ser.dsp;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** The series helpers the feature sets use to keep active frames and remove constant offsets. */
class FrameSelectionTest {

    @Test
    void selectKeepsFlaggedValuesAndTreatsMissingFlagsAsUnset() {
        assertArrayEquals(new double[] {1, 3}, FrameStatistics.select(new double[] {1, 2, 3, 4},
                new boolean[] {true, false, true}));
    }

    @Test
    void subtractMeanRemovesEachColumnsOffset() {
        double[][] frames = {{1, 10}, {3, 30}};
        double[][] centred = FrameStatistics.subtractMean(frames);
        assertArrayEquals(new double[] {-1, -10}, centred[0], 1e-12);
        assertArrayEquals(new double[] {1, 10}, centred[1], 1e-12);
        assertArrayEquals(new double[] {1, 10}, frames[0], 0, "the input is left alone");
    }
}
