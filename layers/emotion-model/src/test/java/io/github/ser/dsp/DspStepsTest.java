package io.github.ser.dsp;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each DSP step on inputs whose answer is known in closed form. */
class DspStepsTest {

    static float[] sine(double hz, int sampleRate, int n, double amplitude) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / sampleRate));
        }
        return x;
    }

    @Test
    void hannIsPeriodicAndCentredInTheFft() {
        double[] w = Windows.hann(400, 512);
        assertEquals(0.0, w[0]);
        assertEquals(0.0, w[55], 1e-15, "56 zeros of padding before a 400-sample window in 512");
        assertEquals(0.0, w[56], 1e-15, "periodic Hann starts at exactly 0");
        assertEquals(1.0, w[56 + 200], 1e-15, "peak at the window's middle");
        assertEquals(w[56 + 1], w[56 + 399], 1e-15, "periodic: symmetric about N/2");
        assertEquals(0.0, w[511]);
    }

    @Test
    void stftFrameCountAndPeakBinFollowLibrosa() {
        StftConfig config = new StftConfig(512, 160, 400);
        assertEquals(101, config.frames(16000));
        assertEquals(6, config.frames(800));
        float[] x = sine(1000, 16000, 16000, 0.5); // 1000 Hz is bin 32 of a 512-point FFT at 16 kHz
        double[][] power = new Stft(config).power(x);
        double[] middle = power[50];
        int peak = 0;
        for (int k = 1; k < middle.length; k++) {
            peak = middle[k] > middle[peak] ? k : peak;
        }
        assertEquals(32, peak);
        // Hann's coherent gain is 1/2: the peak magnitude is amplitude * winLength / 4
        assertEquals(0.5 * 400 / 4, Math.sqrt(middle[32]), 0.5);
    }

    @Test
    void stftRejectsOddFftSizes() {
        assertThrows(IllegalArgumentException.class, () -> new StftConfig(511, 160, 400));
    }

    @Test
    void slaneyMelScaleIsLinearBelow1kHzAndRoundTrips() {
        assertEquals(15.0, MelScale.hzToMel(1000), 1e-12);
        assertEquals(7.5, MelScale.hzToMel(500), 1e-12);
        for (double hz : new double[]{0, 100, 999, 1000, 4000, 8000, 24000}) {
            assertEquals(hz, MelScale.melToHz(MelScale.hzToMel(hz)), 1e-9);
        }
    }

    @Test
    void melFiltersAreTrianglesWithSlaneyAreaNormalisation() {
        FilterBank bank = MelFilterBank.create(16000, 512, 64);
        assertEquals(64, bank.size());
        double[] edges = MelScale.frequencies(66, 0, 8000);
        for (int m = 0; m < 64; m++) {
            double[] w = bank.weights()[m];
            double max = 0;
            for (double v : w) {
                assertTrue(v >= 0);
                max = Math.max(max, v);
            }
            // the apex of a triangle scaled by 2 / (upper edge - lower edge) is at most that scale
            assertTrue(max <= 2.0 / (edges[m + 2] - edges[m]) + 1e-12, "filter " + m);
        }
        double[][] flat = new double[1][257];
        java.util.Arrays.fill(flat[0], 1.0);
        double[] mel = bank.apply(flat)[0];
        assertTrue(mel[63] > 0 && mel[0] > 0);
    }

    @Test
    void powerToDbUsesReferenceFloorAndTopDb() {
        double[][] db = Decibels.powerToDb(new double[][]{{1, 100, 0, 1e-12}});
        assertArrayEquals(new double[]{0, 20, -60, -60}, db[0], 1e-9, "floored at max - 80 dB");
        double[][] noTop = Decibels.powerToDb(new double[][]{{0}}, 1.0, 1e-10, Double.NaN);
        assertEquals(-100, noTop[0][0], 1e-9, "amin = 1e-10 is -100 dB");
    }

    @Test
    void meanPowerToDbIsTheFrameMeanOfPowerToDbAtAnyScale() {
        java.util.Random random = new java.util.Random(7);
        for (double scale : new double[]{1e-14, 1, 1e30}) {
            double[][] power = new double[117][5]; // not a multiple of the frames per logarithm
            for (double[] frame : power) {
                for (int k = 0; k < frame.length; k++) {
                    // 12 decades, some exact zeros: values below the top-dB floor and amin both occur
                    frame[k] = k == 4 && random.nextBoolean() ? 0 : scale * Math.pow(10, -12 * random.nextDouble());
                }
            }
            assertArrayEquals(FrameStatistics.mean(Decibels.powerToDb(power)), Decibels.meanPowerToDb(power), 1e-9,
                    "scale " + scale);
        }
    }

    @Test
    void dctIsOrthonormal() {
        Dct dct = new Dct(8, 8);
        double[] constant = {2, 2, 2, 2, 2, 2, 2, 2};
        double[] c = dct.transform(constant);
        assertEquals(2 * Math.sqrt(8), c[0], 1e-12);
        for (int k = 1; k < 8; k++) {
            assertEquals(0, c[k], 1e-12);
        }
        double[] x = {1, -2, 3, 0.5, 7, -1, 0, 2};
        double energy = 0;
        double coefficientEnergy = 0;
        double[] y = dct.transform(x);
        for (int i = 0; i < 8; i++) {
            energy += x[i] * x[i];
            coefficientEnergy += y[i] * y[i];
        }
        assertEquals(energy, coefficientEnergy, 1e-9, "Parseval");
    }

    @Test
    void pitchTuningFindsTheOffsetOfDetunedTones() {
        double[] freqs = new double[50];
        for (int i = 0; i < freqs.length; i++) {
            freqs[i] = 440 * Math.pow(2, (i % 12 + 0.255) / 12.0);
        }
        assertEquals(0.25, Tuning.pitchTuning(freqs, 0.01, 12), 1e-9);
        assertEquals(0.0, Tuning.pitchTuning(new double[0], 0.01, 12));
    }

    @Test
    void chromaOfAnAIsA() {
        float[] x = sine(440, 22050, 22050, 0.5);
        double[][] magnitude = Stft.magnitude(new Stft(StftConfig.librosaDefault()).power(x));
        double tuning = Tuning.estimate(magnitude, 22050);
        assertEquals(0.0, tuning, 0.02);
        double[] chroma = FrameStatistics.mean(Chroma.fromMagnitude(magnitude, 22050, tuning, 12));
        int best = 0;
        for (int c = 1; c < 12; c++) {
            best = chroma[c] > chroma[best] ? c : best;
        }
        assertEquals(9, best, "pitch classes start at C, so A is 9");
    }

    @Test
    void yinTracksAHarmonicToneAndIgnoresNoise() {
        float[] x = new float[16000];
        for (int i = 0; i < x.length; i++) {
            double t = i / 16000.0;
            x[i] = (float) (0.3 * Math.sin(2 * Math.PI * 180 * t) + 0.2 * Math.sin(2 * Math.PI * 360 * t)
                    + 0.1 * Math.sin(2 * Math.PI * 540 * t));
        }
        Pitch pitch = new Pitch(16000, 0.04, 0.01, 60, 500, 0.15);
        double[] f0 = pitch.track(x);
        assertEquals(101, f0.length, "frames centred every 10 ms, like the energy frames");
        // frames 2..98 lie wholly inside the signal; the first and last are half zero padding
        for (int t = 2; t <= 98; t++) {
            assertEquals(180, f0[t], 1.0, "frame " + t);
        }
        java.util.Random random = new java.util.Random(1);
        float[] noise = new float[16000];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (float) random.nextGaussian() * 0.1f;
        }
        long voiced = java.util.Arrays.stream(pitch.track(noise)).filter(f -> f > 0).count();
        assertTrue(voiced < f0.length / 10, "white noise is mostly unvoiced, got " + voiced);
    }

    @Test
    void frameStatisticsMatchNumpy() {
        double[][] frames = {{1, 10}, {2, 20}, {3, 30}, {4, 40}};
        assertArrayEquals(new double[]{2.5, 25}, FrameStatistics.mean(frames), 1e-12);
        assertArrayEquals(new double[]{Math.sqrt(1.25), Math.sqrt(125)}, FrameStatistics.std(frames), 1e-12);
        double[][] p = FrameStatistics.percentiles(frames, 10, 50, 90);
        assertArrayEquals(new double[]{1.3, 13}, p[0], 1e-12);
        assertArrayEquals(new double[]{2.5, 25}, p[1], 1e-12);
        assertArrayEquals(new double[]{3.7, 37}, p[2], 1e-12);
        double[][] delta = FrameStatistics.delta(frames, 1);
        assertArrayEquals(new double[]{1, 10}, delta[1], 1e-12, "slope of a ramp");
        assertArrayEquals(new double[]{0.5, 5}, delta[0], 1e-12, "edges repeat the end frame");
    }

    @Test
    void frameEnergyFindsTheActiveFrames() {
        float[] x = new float[16000];
        float[] tone = sine(300, 16000, 8000, 0.5);
        System.arraycopy(tone, 0, x, 4000, 8000);
        double[] levels = FrameEnergy.rmsDb(x, 400, 160);
        boolean[] active = FrameEnergy.active(levels, 40, -60);
        assertTrue(active[50] && active[70]);
        assertTrue(!active[5] && !active[95]);
        assertEquals(20 * Math.log10(0.5 / Math.sqrt(2)), levels[50], 0.1);
    }
}
