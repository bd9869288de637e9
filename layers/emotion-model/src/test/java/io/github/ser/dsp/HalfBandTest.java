package io.github.ser.dsp;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HalfBandTest {

    @Test
    void tapsAreAHalfBandFilterWithUnitDcGain() {
        double[] h = HalfBand.taps();
        double sum = 0;
        for (double v : h) {
            sum += v;
        }
        assertEquals(1, sum, 1e-12);
        int centre = h.length / 2;
        for (int k = 2; k <= centre; k += 2) {
            assertEquals(0, h[centre + k], 1e-15, "even offsets are zero");
            assertEquals(h[centre - k + 1], h[centre + k - 1], 1e-15, "symmetric");
        }
    }

    @Test
    void keepsTheVoiceBandAndRejectsWhatWouldAlias() {
        assertEquals(0, gainDb(500), 0.05);
        assertEquals(0, gainDb(2000), 0.5);
        assertTrue(gainDb(6000) < -40, "6 kHz would alias to 2 kHz at 8 kHz: " + gainDb(6000));
    }

    @Test
    void halvesTheLengthKeepingSampleZero() {
        float[] x = {1, 2, 3, 4, 5};
        assertEquals(3, HalfBand.decimate(x).length);
        assertEquals(2, HalfBand.decimate(new float[4]).length);
    }

    /** Output over input power of a 16 kHz sine, in dB, away from the edges. */
    private static double gainDb(double hz) {
        float[] x = new float[16_000];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.sin(2 * Math.PI * hz * i / 16_000.0);
        }
        float[] y = HalfBand.decimate(x);
        double in = 0;
        double out = 0;
        for (int i = 1000; i < 7000; i++) {
            in += x[2 * i] * (double) x[2 * i];
            out += y[i] * (double) y[i];
        }
        return 10 * Math.log10(out / in);
    }
}
