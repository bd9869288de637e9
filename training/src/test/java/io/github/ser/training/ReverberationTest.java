package io.github.ser.training;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ReverberationTest {

    private static final int RATE = 16_000;

    @Test
    void theTailDecaysBySixtyDecibelsOverRt60() {
        float[] h = Reverberation.impulseResponse(RATE, 0.5, 3, new Random(1));
        int start = (int) (0.005 * RATE); // past the pre-delay
        int window = RATE / 50;
        double early = energy(h, start, start + window);
        int late = (int) (0.5 * RATE) - window;
        double end = energy(h, late, late + window);
        // 60 dB over rt60 from the tail's start; the windows are rt60 - 20 ms apart and start up to 5 ms late
        assertEquals(-60 * (late - start) / (0.5 * RATE), 10 * Math.log10(end / early), 4);
    }

    @Test
    void theDirectPathStandsTheRequestedRatioAboveTheTail() {
        float[] h = Reverberation.impulseResponse(RATE, 0.3, 6, new Random(2));
        assertEquals(1, h[0], 0);
        assertEquals(6, 10 * Math.log10(1 / energy(h, 1, h.length)), 1e-6);
    }

    @Test
    void convolutionIsTheLinearOneCutToTheInputAtItsLevel() {
        float[] x = {1, -2, 3, 0, 0, 1, 0.5f, -1};
        float[] h = {1, 0.5f, -0.25f};
        float[] direct = new float[x.length];
        for (int n = 0; n < x.length; n++) {
            for (int k = 0; k < h.length && k <= n; k++) {
                direct[n] += h[k] * x[n - k];
            }
        }
        float[] fft = Reverberation.convolve(x, h);
        float scale = (float) Math.sqrt(energy(x, 0, x.length) / energy(direct, 0, direct.length));
        for (int i = 0; i < direct.length; i++) {
            direct[i] *= scale;
        }
        assertArrayEquals(direct, fft, 1e-5f);
        assertArrayEquals(x, Reverberation.convolve(x, new float[] {1}), 1e-6f, "a unit impulse is no room");
    }

    private static double energy(float[] x, int from, int to) {
        double e = 0;
        for (int i = from; i < to; i++) {
            e += x[i] * (double) x[i];
        }
        return e;
    }
}
