package io.github.ser.training;

import io.github.ser.model.Calibration;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CalibrationFitTest {

    /**
     * An over-confident model: it says 0.9 for its top class but is right 60% of the time. The fitted temperature
     * softens it, and the calibration error falls.
     */
    @Test
    void anOverconfidentModelIsSoftenedAndItsErrorFalls() {
        int n = 2000;
        double[][] p = new double[n][];
        int[] truth = new int[n];
        Random random = new Random(3);
        for (int i = 0; i < n; i++) {
            int top = random.nextInt(4);
            p[i] = new double[4];
            for (int k = 0; k < 4; k++) {
                p[i][k] = k == top ? 0.9 : 0.1 / 3;
            }
            truth[i] = random.nextDouble() < 0.6 ? top : (top + 1 + random.nextInt(3)) % 4;
        }
        double before = CalibrationFit.expectedCalibrationError(p, truth);
        Calibration c = CalibrationFit.fit(p, truth);
        double[][] q = new double[n][];
        for (int i = 0; i < n; i++) {
            q[i] = c.apply(p[i]);
        }
        double after = CalibrationFit.expectedCalibrationError(q, truth);

        assertEquals(0.3, before, 0.03, "0.9 said, about 0.6 right");
        assertTrue(c.temperature() > 1, "softened: " + c.temperature());
        assertTrue(after < 0.05, "after " + after);
        assertEquals(0.6, q[0][argmax(q[0])], 0.03, "the top probability now says how often it is right");
    }

    @Test
    void predictionsRightLessThanHalfTheTimeAreFlaggedUncertain() {
        int n = 1000;
        double[][] p = new double[n][];
        int[] truth = new int[n];
        Random random = new Random(5);
        for (int i = 0; i < n; i++) {
            double top = i < n / 2 ? 0.4 : 0.8; // half the predictions unsure, half sure
            p[i] = new double[] {top, (1 - top) / 2, (1 - top) / 2};
            truth[i] = random.nextDouble() < top ? 0 : 1;
        }
        double threshold = CalibrationFit.uncertainThreshold(p, truth);
        assertTrue(threshold > 0.4 && threshold <= 0.8, "between the unsure and the sure: " + threshold);
    }

    private static int argmax(double[] x) {
        return io.github.ser.dsp.ArgMax.of(x);
    }
}
