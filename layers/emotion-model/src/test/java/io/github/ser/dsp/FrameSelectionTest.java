package io.github.ser.dsp;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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

    @Test
    void everyNthFrameAndBackOntoTheFineGrid() {
        assertArrayEquals(new double[] {0, 2, 4}, FrameStatistics.everyNth(new double[] {0, 1, 2, 3, 4}, 2));
        boolean[] flags = FrameStatistics.everyNth(new boolean[] {true, false, false, true}, 2);
        assertEquals(2, flags.length);
        assertEquals(true, flags[0]);
        assertEquals(false, flags[1]);
        assertArrayEquals(new double[] {7, 7, 9, 9, 0}, FrameStatistics.repeatEach(new double[] {7, 9}, 2, 5),
                "held for two frames, zero where the coarse series has ended");
    }

    @Test
    void medianBySelectionEqualsTheSortedMiddle() {
        java.util.Random random = new java.util.Random(7);
        for (int n = 1; n <= 40; n++) {
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = random.nextInt(5) == 0 ? 1.0 : random.nextGaussian(); // ties as well as distinct values
            }
            double[] sorted = x.clone();
            java.util.Arrays.sort(sorted);
            double expected = n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
            double[] before = x.clone();
            assertEquals(expected, FrameStatistics.median(x), 0, "n=" + n);
            assertArrayEquals(before, x, 0, "the input is left alone");
        }
    }

    @Test
    void medianOfAscendingDescendingAndConstantRuns() {
        double[] ascending = new double[100_001];
        for (int i = 0; i < ascending.length; i++) {
            ascending[i] = i;
        }
        assertEquals(50_000, FrameStatistics.median(ascending), 0);
        double[] descending = new double[100_000];
        for (int i = 0; i < descending.length; i++) {
            descending[i] = -i;
        }
        assertEquals(-49_999.5, FrameStatistics.median(descending), 0);
        assertEquals(3, FrameStatistics.median(new double[] {3, 3, 3, 3}), 0);
    }
}
