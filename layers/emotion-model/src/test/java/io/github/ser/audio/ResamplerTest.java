package io.github.ser.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Quality is measured with tones swept across the band: each is resampled and a sine of the same frequency is
 * fitted (least squares) to the middle of the output, away from the edges where the zero padding shows.
 */
class ResamplerTest {
    private static final int TARGET = 16000;

    @Test
    void equalRatesReturnTheSameArray() {
        float[] x = {0.1f, -0.2f, 0.3f};
        assertSame(x, Resampler.resample(x, 16000, 16000));
    }

    @Test
    void outputLengthIsCeilOfInputTimesRatio() {
        int[][] cases = {{48000, 16000}, {44100, 16000}, {24414, 16000}, {8000, 16000}, {22050, 16000}, {96000, 16000},
            {16000, 48000}, {11025, 16000}};
        for (int[] rates : cases) {
            for (int n : new int[] {0, 1, 2, 3, 7, 1000, 44101, 48001}) {
                long expected = (long) Math.ceil((double) n * rates[1] / rates[0] - 1e-9);
                assertEquals(expected, Resampler.resample(new float[n], rates[0], rates[1]).length,
                        n + " samples " + rates[0] + " -> " + rates[1]);
            }
        }
    }

    @Test
    void invalidRatesAreAProgrammingError() {
        assertThrows(IllegalArgumentException.class, () -> Resampler.resample(new float[4], 0, 16000));
        assertThrows(IllegalArgumentException.class, () -> Resampler.resample(new float[4], 16000, -1));
    }

    @ParameterizedTest
    @ValueSource(ints = {48000, 96000, 44100, 24414, 22050, 32000, 8000, 11025, 192000})
    void passBandTonesKeepTheirAmplitudeWithinATenthOfADecibel(int from) {
        double passEdge = 0.9 * Math.min(from, TARGET) / 2;
        for (double f = 50; f <= passEdge; f = f < 400 ? f * 2 : f + 350) {
            double gainDb = 20 * Math.log10(Tone.fit(Resampler.resample(Tone.of(f, from, 1.0), from, TARGET), f, TARGET).amplitude);
            assertTrue(Math.abs(gainDb) <= 0.1, from + " Hz input, " + f + " Hz tone: gain " + gainDb + " dB");
        }
        double edgeGainDb = 20 * Math.log10(
                Tone.fit(Resampler.resample(Tone.of(passEdge, from, 1.0), from, TARGET), passEdge, TARGET).amplitude);
        assertTrue(Math.abs(edgeGainDb) <= 0.1, from + " Hz input, pass-band edge: gain " + edgeGainDb + " dB");
    }

    @ParameterizedTest
    @ValueSource(ints = {48000, 96000, 44100, 24414, 22050, 32000, 192000})
    void tonesAboveTheTargetNyquistAreRejectedBySixtyDecibels(int from) {
        for (double f = TARGET / 2.0 + 20; f < from / 2.0; f += f < 9000 ? 250 : 1733) {
            float[] out = Resampler.resample(Tone.of(f, from, 1.0), from, TARGET);
            double rejectionDb = -20 * Math.log10(Tone.rms(out) / Math.sqrt(0.5));
            assertTrue(rejectionDb >= 60, from + " Hz input, " + f + " Hz tone: only " + rejectionDb + " dB down");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {48000, 44100, 24414, 8000, 11025})
    void passBandTonesComeOutCleanWithoutAliasesOrImages(int from) {
        // what the fitted sine does not explain (aliases, images, interpolation error) stays 60 dB below it
        for (double f : new double[] {440, 1234.5, 0.85 * Math.min(from, TARGET) / 2}) {
            float[] out = Resampler.resample(Tone.of(f, from, 0.5), from, TARGET);
            Tone fit = Tone.fit(out, f, TARGET);
            double residualDb = 20 * Math.log10(fit.residualRms / (fit.amplitude / Math.sqrt(2)));
            assertTrue(residualDb <= -60, from + " Hz input, " + f + " Hz tone: residual at " + residualDb + " dB");
        }
    }

    @Test
    void constantSignalStaysConstantAwayFromTheEdges() {
        float[] ones = new float[48000];
        java.util.Arrays.fill(ones, 1f);
        float[] out = Resampler.resample(ones, 48000, TARGET);
        for (int i = 200; i < out.length - 200; i++) {
            assertEquals(1f, out[i], 1e-5f, "sample " + i);
        }
    }

    @Test
    void tenMinutesAt48KilohertzResampleToTheRightLength() {
        float[] tenMinutes = Tone.of(1000, 48000, 600);
        float[] out = Resampler.resample(tenMinutes, 48000, TARGET);
        assertEquals(TARGET * 600, out.length);
        float[] lastSecond = java.util.Arrays.copyOfRange(out, out.length - 2 * TARGET, out.length - TARGET);
        assertEquals(1.0, Tone.fit(lastSecond, 1000, TARGET).amplitude, 1e-3);
    }

    /** A test tone, and a least-squares fit of one to a signal's middle 80 %. */
    private record Tone(double amplitude, double residualRms) {
        static float[] of(double frequency, int rate, double seconds) {
            float[] x = new float[(int) Math.round(rate * seconds)];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) Math.sin(2 * Math.PI * frequency * i / rate + 0.3);
            }
            return x;
        }

        static Tone fit(float[] y, double frequency, int rate) {
            int from = y.length / 10;
            int to = y.length - from;
            double ss = 0, cc = 0, sc = 0, ys = 0, yc = 0;
            for (int i = from; i < to; i++) {
                double s = Math.sin(2 * Math.PI * frequency * i / rate);
                double c = Math.cos(2 * Math.PI * frequency * i / rate);
                ss += s * s;
                cc += c * c;
                sc += s * c;
                ys += y[i] * s;
                yc += y[i] * c;
            }
            double det = ss * cc - sc * sc;
            double a = (ys * cc - yc * sc) / det;
            double b = (yc * ss - ys * sc) / det;
            double residual = 0;
            for (int i = from; i < to; i++) {
                double e = y[i] - a * Math.sin(2 * Math.PI * frequency * i / rate) - b * Math.cos(2 * Math.PI * frequency * i / rate);
                residual += e * e;
            }
            return new Tone(Math.hypot(a, b), Math.sqrt(residual / (to - from)));
        }

        static double rms(float[] y) {
            int from = y.length / 10;
            double sum = 0;
            for (int i = from; i < y.length - from; i++) {
                sum += (double) y[i] * y[i];
            }
            return Math.sqrt(sum / (y.length - 2 * from));
        }
    }
}
