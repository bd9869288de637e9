package io.github.ser.dsp;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContoursTest {

    @Test
    void theSlopeOfALineIsItsSlope() {
        assertEquals(0.5, Contours.slope(new double[] {1, 1.5, 2, 2.5, 3}), 1e-12);
        assertEquals(0, Contours.slope(new double[] {4}));
    }

    @Test
    void meanAbsoluteDeltaAndRisingShare() {
        double[] zigzag = {0, 2, 1, 3};
        assertEquals((2 + 1 + 2) / 3.0, Contours.meanAbsDelta(zigzag), 1e-12);
        assertEquals(2 / 3.0, Contours.risingShare(zigzag), 1e-12);
        assertEquals(0.5, Contours.risingShare(new double[] {1}));
    }

    @Test
    void movingAverageCutsItsWindowAtTheEnds() {
        assertArrayEquals(new double[] {1.5, 2, 3, 3.5}, Contours.movingAverage(new double[] {1, 2, 3, 4}, 1), 1e-12);
    }

    @Test
    void aPeakIsHighestAroundAndDeepEnoughOnBothSides() {
        double[] x = {0, 1, 5, 1, 0, 4.5, 0.5, 0};
        assertTrue(Contours.isPeak(x, 2, 2, 3));
        assertFalse(Contours.isPeak(x, 5, 3, 3), "5 lies within 3 frames");
        assertTrue(Contours.isPeak(x, 5, 1, 3), "within 1 frame it is the highest, 4 above both neighbours");
        assertFalse(Contours.isPeak(new double[] {0, 1, 2, 1.5, 0}, 2, 2, 3), "not 3 deep");
    }

    @Test
    void theActiveSpanDropsLeadingAndTrailingPauses() {
        assertArrayEquals(new int[] {1, 3}, Contours.activeSpan(new boolean[] {false, true, false, true, false}));
        assertArrayEquals(new int[] {2, 2}, Contours.activeSpan(new boolean[] {false, false, false}),
                "nothing active: the scans meet at the end");
    }
}
