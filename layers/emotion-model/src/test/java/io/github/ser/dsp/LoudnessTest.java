package io.github.ser.dsp;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class LoudnessTest {

    @Test
    void activeSpeechIsScaledToTheTargetRms() {
        float[] x = new float[1600];
        for (int i = 800; i < 1600; i++) {
            x[i] = (float) (0.02 * Math.sin(2 * Math.PI * 200 * i / 16000.0));
        }
        double[] levels = FrameEnergy.rmsDb(x, 400, 160);
        boolean[] active = FrameEnergy.active(levels, 35, -80);
        float[] y = Loudness.normalise(x, levels, active, 0.1);
        double[] after = FrameEnergy.rmsDb(y, 400, 160);
        double power = 0;
        int n = 0;
        for (int t = 0; t < after.length; t++) {
            if (active[t]) {
                power += Math.pow(10, after[t] / 10);
                n++;
            }
        }
        assertEquals(0.1, Math.sqrt(power / n), 1e-6);
    }

    @Test
    void digitalSilenceIsLeftAlone() {
        float[] x = new float[800];
        double[] levels = FrameEnergy.rmsDb(x, 400, 160);
        assertArrayEquals(x, Loudness.normalise(x, levels, new boolean[levels.length], 0.1));
    }

    @Test
    void tooFewActiveFramesMeansAllFrames() {
        boolean[] two = {true, false, true, false};
        assertArrayEquals(new boolean[] {true, true, true, true}, Loudness.atLeast(two, 3));
        assertSame(two, Loudness.atLeast(two, 2));
    }
}
