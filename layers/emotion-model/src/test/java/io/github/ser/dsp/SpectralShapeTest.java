package io.github.ser.dsp;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each descriptor on spectra whose answer is known in closed form (9 bins of 1 kHz: 0..8 kHz at 16 kHz). */
class SpectralShapeTest {

    private static final double BIN_HZ = SpectralShape.binHz(9, 16_000);

    @Test
    void binsSpanZeroToNyquist() {
        assertEquals(1000, BIN_HZ);
    }

    @Test
    void aSingleLineHasItsFrequencyAsCentroidAndNoBandwidth() {
        double[] p = line(3);
        assertEquals(3000, SpectralShape.centroid(p, BIN_HZ), 1e-6);
        assertEquals(0, SpectralShape.bandwidth(p, BIN_HZ, 3000), 1e-3);
        assertEquals(3000, SpectralShape.rolloff(p, BIN_HZ, 0.85));
    }

    @Test
    void twoEqualLinesAreCentredBetweenWithHalfTheirDistanceAsBandwidth() {
        double[] p = new double[9];
        p[2] = 1;
        p[6] = 1;
        assertEquals(4000, SpectralShape.centroid(p, BIN_HZ), 1e-6);
        assertEquals(2000, SpectralShape.bandwidth(p, BIN_HZ, 4000), 1e-6);
        assertEquals(6000, SpectralShape.rolloff(p, BIN_HZ, 0.85), "85% is only reached with the upper line");
    }

    @Test
    void flatnessIsOneForAFlatSpectrumAndSmallForALine() {
        double[] flat = new double[9];
        java.util.Arrays.fill(flat, 2);
        assertEquals(1, SpectralShape.flatness(flat), 1e-9);
        assertTrue(SpectralShape.flatness(line(4)) < 1e-6);
        assertEquals(0, SpectralShape.flatnessDb(new double[] {-20, -20, -20}), 1e-12);
        // geometric mean -10 dB, arithmetic mean of the powers (1 + 0.01) / 2
        assertEquals(-10 - 10 * Math.log10(0.505), SpectralShape.flatnessDb(new double[] {0, -20}), 1e-9);
    }

    @Test
    void fluxCountsOnlyRisingBins() {
        double[] before = {1, 1, 1, 1};
        double[] after = {Math.E, 1, 1 / Math.E, 1};
        assertEquals(1 / 4.0, SpectralShape.flux(before, after), 1e-9);
        assertEquals(6 / 3.0, SpectralShape.fluxDb(new double[] {0, 0, 0}, new double[] {6, -6, 0}), 1e-12);
    }

    @Test
    void alphaRatioAndHammarbergCompareLowAndHighBands() {
        double[] p = new double[9];
        p[0] = 5;   // 0 Hz: outside both alpha bands, in Hammarberg's low one
        p[1] = 10;  // 1 kHz: alpha's high band (1-5 kHz), Hammarberg's low one (< 2 kHz)
        p[3] = 1;   // 3 kHz: high bands of both
        assertEquals(Decibels.ratio(0, 11), SpectralShape.alphaRatio(p, BIN_HZ), 1e-9);
        assertEquals(10, SpectralShape.hammarberg(p, BIN_HZ), 1e-9);
    }

    @Test
    void theOnePassDescriptorsMatchTheSingleFunctions() {
        Random random = new Random(2);
        double[][] power = new double[5][257];
        for (double[] frame : power) {
            for (int k = 0; k < frame.length; k++) {
                frame[k] = random.nextDouble() * (k < 60 ? 10 : 1);
            }
        }
        double[][] fast = SpectralShape.describeWithoutLogs(power, 16_000);
        double[][] full = SpectralShape.describe(power, 16_000);
        for (int t = 0; t < power.length; t++) {
            double[] expected = {full[t][0], full[t][1], full[t][2], full[t][5], full[t][6]};
            assertArrayEquals(expected, fast[t], 1e-6);
        }
    }

    @Test
    void describingChosenFramesGivesTheBitsOfDescribingAllAndChoosing() {
        Random random = new Random(4);
        double[][] power = new double[9][257];
        for (double[] frame : power) {
            for (int k = 0; k < frame.length; k++) {
                frame[k] = random.nextDouble() * Math.pow(10, random.nextInt(6));
            }
        }
        boolean[] frames = {true, false, true, true, false, false, true, true, false};
        double[][] chosen = SpectralShape.describe(power, 16_000, frames);
        double[][] all = FrameStatistics.select(SpectralShape.describe(power, 16_000), frames);
        assertEquals(all.length, chosen.length);
        for (int t = 0; t < all.length; t++) {
            assertArrayEquals(all[t], chosen[t], 0, "row " + t);
        }
        double binHz = SpectralShape.binHz(257, 16_000);
        for (int t = 1; t < power.length; t++) {
            double[] p = power[t];
            double[] row = SpectralShape.describe(power, 16_000)[t];
            assertEquals(SpectralShape.flux(power[t - 1], p), row[4], 0, "flux of frame " + t);
            assertEquals(SpectralShape.centroid(p, binHz), row[0], 0);
            assertEquals(SpectralShape.alphaRatio(p, binHz), row[5], 0);
            assertEquals(SpectralShape.hammarberg(p, binHz), row[6], 0);
        }
    }

    private static double[] line(int bin) {
        double[] p = new double[9];
        p[bin] = 1;
        return p;
    }
}
