package io.github.ser.dsp;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The steps that compute several frames or samples at once (for speed) give each one exactly the bits of computing
 * it alone, at every length: whole blocks, remainders and signal edges. The shipped model's features depend on it.
 */
class BlockedLoopsTest {

    private static float[] noise(int n, Random random) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (random.nextGaussian() * Math.pow(10, -random.nextInt(4)));
        }
        return x;
    }

    @Test
    void frameLevelsEqualOneSumPerFrame() {
        Random random = new Random(11);
        for (int n = 1; n < 2200; n += 37) {
            float[] x = noise(n, random);
            double[] levels = FrameEnergy.rmsDb(x, 400, 160);
            assertEquals(1 + n / 160, levels.length);
            for (int t = 0; t < levels.length; t++) {
                double sum = 0;
                for (int i = Math.max(0, t * 160 - 200); i < Math.min(n, t * 160 + 200); i++) {
                    sum += (double) x[i] * x[i];
                }
                double expected = 20 * Math.log10(Math.max(Math.sqrt(sum / 400), 1e-6));
                assertEquals(expected, levels[t], 0, "n=" + n + " frame " + t);
            }
        }
    }

    @Test
    void halfBandOutputsEqualOneFilterSumEach() {
        Random random = new Random(12);
        double[] h = HalfBand.taps();
        int half = h.length / 2;
        for (int n = 1; n < 300; n += 7) {
            float[] x = noise(n, random);
            float[] y = HalfBand.decimate(x);
            for (int m = 0; m < y.length; m++) {
                int c = 2 * m;
                double sum = h[half] * x[c];
                for (int k = 1; k <= half; k += 2) {
                    // inside the signal the pair is added in float, as the filter has always done
                    sum += c - half >= 0 && c + half < n ? h[half + k] * (x[c - k] + x[c + k])
                            : h[half + k] * ((c - k >= 0 ? (double) x[c - k] : 0) + (c + k < n ? x[c + k] : 0));
                }
                assertEquals((float) sum, y[m], 0, "n=" + n + " output " + m);
            }
        }
    }

    @Test
    void cepstraOfManyFramesEqualEachFrameAlone() {
        Random random = new Random(13);
        Dct dct = new Dct(40, 14);
        for (int frames = 1; frames <= 9; frames++) {
            double[][] logMel = new double[frames][40];
            for (double[] frame : logMel) {
                for (int k = 0; k < frame.length; k++) {
                    frame[k] = random.nextGaussian() * 30;
                }
            }
            double[][] all = dct.transform(logMel);
            for (int t = 0; t < frames; t++) {
                assertArrayEquals(dct.transform(logMel[t]), all[t], 0, frames + " frames, frame " + t);
            }
        }
    }

    @Test
    void levelNormalisationScalesEverySampleOnce() {
        Random random = new Random(14);
        for (int n = 1; n < 40; n++) {
            float[] x = noise(n, random);
            boolean[] active = new boolean[1 + n / 160];
            java.util.Arrays.fill(active, true);
            double[] levels = FrameEnergy.rmsDb(x, 400, 160);
            float[] y = Loudness.normalise(x, levels, active, 0.1);
            double gain = 0.1 / Math.sqrt(Loudness.activePower(levels, active));
            for (int i = 0; i < n; i++) {
                assertEquals((float) (x[i] * gain), y[i], 0, "n=" + n + " sample " + i);
            }
        }
    }

    @Test
    void filterBankGivesEveryFrameTheBitsOfItsOwnDotProducts() {
        FilterBank bank = MelFilterBank.create(16000, 512, 40);
        Random random = new Random(3);
        for (int frames = 1; frames <= 9; frames++) { // blocks of four and every remainder
            double[][] spectrogram = new double[frames][257];
            for (double[] frame : spectrogram) {
                for (int k = 0; k < frame.length; k++) {
                    frame[k] = random.nextDouble() * Math.pow(10, random.nextInt(8));
                }
            }
            double[][] out = bank.apply(spectrogram);
            for (int t = 0; t < frames; t++) {
                for (int f = 0; f < bank.size(); f++) {
                    double sum = 0;
                    for (int k = 0; k < 257; k++) {
                        sum += bank.weights()[f][k] * spectrogram[t][k];
                    }
                    assertEquals(sum, out[t][f], 0, "frame " + t + " of " + frames + ", filter " + f);
                }
            }
        }
    }
}
