package io.github.ser.training;

import org.jtransforms.fft.DoubleFFT_1D;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PhoneDegradationTest {

    private static final int RATE = 16_000;

    @Test
    void everyClipHasOneFixedDegradedCopyOfItsOwnLength() {
        float[] voice = voiceLike(2.0);
        Path file = Path.of("Actor_01/03-01-05-02-01-01-01.flac");
        float[] a = Augmentation.PHONE_TEST.apply(voice, RATE, file);
        assertArrayEquals(a, Augmentation.PHONE_TEST.apply(voice, RATE, file));
        assertEquals(voice.length, a.length);
        assertFalse(java.util.Arrays.equals(a, Augmentation.PHONE_TEST.apply(voice, RATE, Path.of("other.flac"))));
    }

    @Test
    void nothingAboveFiveKilohertzSurvivesTheNetwork() {
        for (int seed = 0; seed < 8; seed++) {
            float[] out = PhoneDegradation.apply(voiceLike(1.0), RATE, new Random(seed));
            double[] bands = bandEnergy(out);
            assertTrue(10 * Math.log10(bands[1] / bands[0]) < -30,
                    "seed " + seed + ": 5.5-8 kHz vs 0.3-3 kHz " + 10 * Math.log10(bands[1] / bands[0]) + " dB");
        }
    }

    @Test
    void automaticGainLevelsActiveSpeechAndTooMuchClips() {
        float[] quiet = new float[RATE]; // a steady quiet tone: crest factor 3 dB, so levelling alone cannot clip
        for (int i = 0; i < quiet.length; i++) {
            quiet[i] = (float) (0.01 * Math.sin(2 * Math.PI * 300 * i / RATE));
        }
        float[] levelled = PhoneDegradation.agcAndClip(quiet, RATE, 0);
        assertEquals(-20, 10 * Math.log10(Augmentation.activePower(levelled, RATE)), 0.5);
        float[] hot = PhoneDegradation.agcAndClip(quiet, RATE, 20);
        double peak = 0;
        for (float v : hot) {
            peak = Math.max(peak, Math.abs(v));
        }
        assertEquals(1.0, peak, 0, "20 dB over -20 dBFS drives a tone's peaks (-17 dBFS) into clipping");
    }

    @Test
    void eachNoiseKindIsMixedAtTheRequestedRatio() {
        float[] voice = voiceLike(2.0);
        for (int seed = 0; seed < 6; seed++) {
            float[] noisy = PhoneDegradation.addNoise(voice, RATE, 10, new Random(seed));
            float[] noise = new float[voice.length];
            for (int i = 0; i < noise.length; i++) {
                noise[i] = noisy[i] - voice[i];
            }
            double noisePower = Augmentation.activePower(voice, RATE) / power(noise);
            assertEquals(10, 10 * Math.log10(noisePower), 0.5, "seed " + seed);
        }
    }

    @Test
    void aLawKeepsSamplesWithinItsStepSize() {
        for (float s : new float[] {0.001f, -0.01f, 0.1f, -0.5f, 0.99f}) {
            assertEquals(s, PhoneDegradation.aLawRoundTrip(s), Math.abs(s) * 0.06 + 1e-3, "sample " + s);
        }
    }

    @Test
    void trainingCopiesMayUseRoomsButNeverTheTestCondition() {
        assertEquals(2, Augmentation.forTraining(List.of("room:0.4", "room:0.8+telephone")).size());
        assertThrows(IllegalArgumentException.class, () -> Augmentation.forTraining(List.of("phone-test")));
        assertThrows(IllegalArgumentException.class, () -> new Augmentation("room:5"));
    }

    /** A 140 Hz harmonic voice with a 4 Hz syllable envelope and pauses: energy up to 8 kHz. */
    private static float[] voiceLike(double seconds) {
        float[] x = new float[(int) (seconds * RATE)];
        for (int i = 0; i < x.length; i++) {
            double t = i / (double) RATE;
            double envelope = Math.max(0, Math.sin(2 * Math.PI * 2 * t));
            double v = 0;
            for (int h = 1; h * 140 < RATE / 2; h++) {
                v += Math.sin(2 * Math.PI * 140 * h * t) / h;
            }
            x[i] = (float) (0.1 * envelope * v);
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

    /** Energy in 0.3-3 kHz and in 5.5-8 kHz. */
    private static double[] bandEnergy(float[] x) {
        int n = Integer.highestOneBit(x.length);
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = x[i];
        }
        new DoubleFFT_1D(n).realForward(a);
        double low = 0;
        double high = 0;
        for (int k = 1; k < n / 2; k++) {
            double hz = k * (double) RATE / n;
            double e = a[2 * k] * a[2 * k] + a[2 * k + 1] * a[2 * k + 1];
            if (hz >= 300 && hz <= 3000) {
                low += e;
            } else if (hz >= 5500) {
                high += e;
            }
        }
        return new double[] {low, high};
    }
}
