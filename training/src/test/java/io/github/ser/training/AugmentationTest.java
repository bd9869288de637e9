package io.github.ser.training;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AugmentationTest {

    private static final int RATE = 16_000;
    private static final Path FILE = Path.of("Actor_01/03-01-05-02-01-01-01.flac");

    @Test
    void speedChangesTheLengthByTheFactor() {
        float[] x = tone(440, 1.0, 0.1);
        float[] faster = new Augmentation("speed:1.25").apply(x, RATE, FILE);
        assertEquals(x.length / 1.25, faster.length, 2);
    }

    @Test
    void gainScalesAndClips() {
        float[] x = tone(440, 0.1, 0.1);
        float[] louder = new Augmentation("gain:6").apply(x, RATE, FILE);
        assertEquals(2 * peak(x), peak(louder), 0.01 * peak(x));
        float[] clipped = new Augmentation("gain:20").apply(tone(440, 0.1, 0.2), RATE, FILE);
        assertEquals(1.0, peak(clipped), 1e-6);
    }

    @Test
    void noiseIsAddedAtTheRequestedSignalToNoiseRatio() {
        float[] x = tone(300, 1.0, 0.1);
        float[] noisy = new Augmentation("noise:20").apply(x, RATE, FILE);
        double signal = power(x);
        double noise = 0;
        for (int i = 0; i < x.length; i++) {
            noise += (noisy[i] - x[i]) * (double) (noisy[i] - x[i]);
        }
        noise /= x.length;
        assertEquals(20, 10 * Math.log10(signal / noise), 0.5);
    }

    @Test
    void theSameFileGetsTheSameNoiseAndAnotherFileOther() {
        float[] x = tone(300, 0.3, 0.1);
        Augmentation a = new Augmentation("noise:10");
        assertArrayEquals(a.apply(x, RATE, FILE), a.apply(x, RATE, FILE));
        float[] other = a.apply(x, RATE, Path.of("other.wav"));
        assertTrue(other[100] != a.apply(x, RATE, FILE)[100]);
    }

    @Test
    void telephoneKeepsTheVoiceBandOnly() {
        float[] low = tone(150, 0.5, 0.2);
        float[] mid = tone(1000, 0.5, 0.2);
        float[] high = tone(5000, 0.5, 0.2);
        Augmentation phone = new Augmentation("telephone");
        assertTrue(gainDb(mid, phone.apply(mid, RATE, FILE)) > -1.5, "1 kHz passes");
        assertTrue(gainDb(low, phone.apply(low, RATE, FILE)) < -5, "150 Hz is cut by the 300 Hz high-pass");
        assertTrue(gainDb(high, phone.apply(high, RATE, FILE)) < -40, "5 kHz is above the 8 kHz line's Nyquist");
    }

    @Test
    void lowpassRemovesWhatIsAboveTheCutoff() {
        float[] high = tone(6000, 0.5, 0.2);
        float[] mid = tone(1000, 0.5, 0.2);
        Augmentation codec = new Augmentation("lowpass:4000");
        assertTrue(gainDb(high, codec.apply(high, RATE, FILE)) < -40);
        assertTrue(gainDb(mid, codec.apply(mid, RATE, FILE)) > -0.5);
    }

    @Test
    void muLawKeepsSmallAndLargeSamplesWithinItsStepSize() {
        for (float s : new float[] {0.001f, -0.01f, 0.1f, -0.5f, 0.99f}) {
            assertEquals(s, Augmentation.muLawRoundTrip(s), Math.abs(s) * 0.06 + 1e-4, "sample " + s);
        }
    }

    @Test
    void chainsApplyEveryStepAndBadSpecsAreRefused() {
        float[] x = tone(300, 1.0, 0.1);
        float[] both = new Augmentation("speed:0.8+noise:30").apply(x, RATE, FILE);
        assertEquals(x.length / 0.8, both.length, 2);
        for (String bad : List.of("speed", "speed:3", "noise:abc", "reverb", "telephone:2")) {
            assertThrows(IllegalArgumentException.class, () -> new Augmentation(bad), bad);
        }
        assertEquals(List.of(), Augmentation.parseList(List.of("none")));
    }

    @Test
    void eachClipGetsAFixedSubsetOfThePool() {
        List<Augmentation> pool = Augmentation.parseList(List.of("speed:0.9", "speed:1.1", "noise:20", "telephone"));
        List<Augmentation> two = Augmentation.choose(pool, 2, FILE);
        assertEquals(2, two.size());
        assertEquals(two, Augmentation.choose(pool, 2, FILE));
        assertEquals(2, two.stream().distinct().count());
        assertEquals(pool, Augmentation.choose(pool, 4, FILE));
    }

    private static float[] tone(double hz, double seconds, double amplitude) {
        float[] x = new float[(int) (seconds * RATE)];
        Random random = new Random(1);
        double phase = random.nextDouble();
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (amplitude * Math.sin(2 * Math.PI * (hz * i / RATE + phase)));
        }
        return x;
    }

    private static double power(float[] x) {
        double s = 0;
        for (float v : x) {
            s += v * (double) v;
        }
        return s / x.length;
    }

    private static double peak(float[] x) {
        double m = 0;
        for (float v : x) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    /** Power ratio in dB over the middle of the clips (away from filter edges). */
    private static double gainDb(float[] in, float[] out) {
        int from = in.length / 4;
        int to = 3 * in.length / 4;
        double a = 0;
        double b = 0;
        for (int i = from; i < to; i++) {
            a += in[i] * (double) in[i];
            b += out[i] * (double) out[i];
        }
        return 10 * Math.log10(b / a);
    }

}
