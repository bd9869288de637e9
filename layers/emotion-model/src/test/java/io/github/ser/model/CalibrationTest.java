package io.github.ser.model;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CalibrationTest {

    @Test
    void temperatureOneChangesNothing() {
        double[] p = {0.7, 0.2, 0.1};
        assertArrayEquals(p, Calibration.NONE.apply(p), 0);
    }

    @Test
    void aTemperatureAboveOneSoftensAndKeepsTheOrder() {
        double[] p = {0.7, 0.2, 0.1};
        double[] soft = new Calibration(2, 0).apply(p);
        // p^(1/2) normalised: sqrt(.7), sqrt(.2), sqrt(.1) over their sum
        double sum = Math.sqrt(0.7) + Math.sqrt(0.2) + Math.sqrt(0.1);
        assertArrayEquals(new double[] {Math.sqrt(0.7) / sum, Math.sqrt(0.2) / sum, Math.sqrt(0.1) / sum}, soft, 1e-12);
        assertTrue(soft[0] < p[0] && soft[0] > soft[1] && soft[1] > soft[2]);
    }

    @Test
    void uncertaintyIsATopProbabilityBelowTheThreshold() {
        Calibration c = new Calibration(1.3, 0.4);
        assertTrue(c.isUncertain(0.39));
        assertFalse(c.isUncertain(0.4));
        assertFalse(Calibration.NONE.isUncertain(0.01));
    }

    @Test
    void nonsenseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Calibration(0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new Calibration(Double.NaN, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new Calibration(1, 1.5));
        assertEquals(1.0, Calibration.NONE.temperature());
    }
}
