package io.github.ser.dsp;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpectralSubtractionTest {
    private static final int RATE = 8_000;
    private final SpectralSubtraction subtraction = new SpectralSubtraction(0.1, 3, 0.005);

    /** Half a second of silence, a second of a 200 Hz tone with harmonics, half a second of silence. */
    private static float[] toneBetweenPauses() {
        float[] x = new float[2 * RATE];
        for (int i = RATE / 2; i < 3 * RATE / 2; i++) {
            double t = i / (double) RATE;
            x[i] = (float) (0.2 * Math.sin(2 * Math.PI * 200 * t) + 0.1 * Math.sin(2 * Math.PI * 600 * t)
                    + 0.05 * Math.sin(2 * Math.PI * 1400 * t));
        }
        return x;
    }

    private static double rms(float[] x, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += x[i] * (double) x[i];
        }
        return Math.sqrt(sum / (to - from));
    }

    @Test
    void aClipWithoutBackgroundNoiseComesBackUnchanged() {
        float[] clean = toneBetweenPauses();
        assertArrayEquals(clean, subtraction.apply(clean, RATE), 1e-5f);
    }

    @Test
    void steadyNoiseInThePausesDropsWhileTheVoiceKeepsItsLevel() {
        float[] clean = toneBetweenPauses();
        float[] noisy = clean.clone();
        Random random = new Random(7);
        for (int i = 0; i < noisy.length; i++) {
            noisy[i] += (float) (0.05 * random.nextGaussian()); // about 6 dB below the tone
        }
        float[] out = subtraction.apply(noisy, RATE);

        double pauseBefore = rms(noisy, RATE / 10, 4 * RATE / 10);
        double pauseAfter = rms(out, RATE / 10, 4 * RATE / 10);
        assertTrue(20 * Math.log10(pauseBefore / pauseAfter) > 14, "noise in the pause drops by more than 14 dB");

        double voice = rms(clean, 6 * RATE / 10, 14 * RATE / 10);
        double voiceAfter = rms(out, 6 * RATE / 10, 14 * RATE / 10);
        assertEquals(0, 20 * Math.log10(voiceAfter / voice), 1.5, "the tone keeps its level within 1.5 dB");
    }

    @Test
    void aClipShorterThanTwoFramesIsLeftAlone() {
        float[] shortClip = new float[300];
        shortClip[10] = 1;
        assertSame(shortClip, subtraction.apply(shortClip, RATE));
    }

    @Test
    void rejectsSettingsThatWouldNotBeASubtraction() {
        assertThrows(IllegalArgumentException.class, () -> new SpectralSubtraction(0, 2, 0.01));
        assertThrows(IllegalArgumentException.class, () -> new SpectralSubtraction(0.1, -1, 0.01));
        assertThrows(IllegalArgumentException.class, () -> new SpectralSubtraction(0.1, 2, 1.5));
    }
}
