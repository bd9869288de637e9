package io.github.ser.dsp;

import org.jtransforms.fft.DoubleFFT_1D;

import java.util.Arrays;

/**
 * Removes a clip's steady background noise by power spectral subtraction (Boll 1979, with Berouti et al.'s
 * over-subtraction and spectral floor): the noise spectrum is the mean of the quietest frames, each frame keeps
 * {@code max(1 - alpha N/P, floor)} of its power per bin, and the signal is rebuilt by weighted overlap-add with its
 * own phase. A clip without background noise (its quietest frames silent) comes back unchanged; a phone call in a
 * noisy kitchen comes back closer to what the same voice gives in a studio, which is what lets a model trained on
 * studio speech hear it. Written here on JTransforms: the Java audio libraries considered (JTransforms, TarsosDSP)
 * provide the transforms, not this step.
 */
public final class SpectralSubtraction {
    /** Frames of about 32 ms with 75% overlap: Hann analysis and synthesis windows then add up to a constant. */
    private static final double FRAME_SECONDS = 0.032;
    private static final int OVERLAP = 4;

    private final double quietestFraction;
    private final double overSubtraction;
    private final double floor;

    /**
     * @param quietestFraction share of the frames (the quietest) whose mean spectrum is taken as the noise
     * @param overSubtraction  how many times the noise estimate is subtracted (above 1: what the mean misses)
     * @param floor            the least share of a bin's power kept, so no bin goes silent (fewer "musical" tones)
     */
    public SpectralSubtraction(double quietestFraction, double overSubtraction, double floor) {
        if (!(quietestFraction > 0 && quietestFraction <= 1) || !(overSubtraction >= 0) || !(floor >= 0 && floor <= 1)) {
            throw new IllegalArgumentException("invalid spectral subtraction " + quietestFraction + "/"
                    + overSubtraction + "/" + floor);
        }
        this.quietestFraction = quietestFraction;
        this.overSubtraction = overSubtraction;
        this.floor = floor;
    }

    /** The clip with its steady noise removed; a clip shorter than two frames is returned as it is. */
    public float[] apply(float[] signal, int sampleRate) {
        int nFft = Integer.highestOneBit((int) Math.round(FRAME_SECONDS * sampleRate));
        int hop = nFft / OVERLAP;
        if (signal.length < 2 * nFft) {
            return signal;
        }
        double[] window = Windows.hann(nFft, nFft);
        DoubleFFT_1D fft = new DoubleFFT_1D(nFft);
        int frames = 1 + (signal.length - nFft + hop - 1) / hop;
        // frame t covers samples t*hop .. t*hop+nFft-1 (zero beyond the end); spectra as JTransforms packs them
        double[][] spectra = new double[frames][nFft];
        double[][] power = new double[frames][nFft / 2 + 1];
        double[] framePower = new double[frames];
        for (int t = 0; t < frames; t++) {
            double[] buffer = spectra[t];
            int origin = t * hop;
            for (int n = 0; n < nFft && origin + n < signal.length; n++) {
                buffer[n] = signal[origin + n] * window[n];
            }
            fft.realForward(buffer);
            Stft.packedPower(buffer, power[t]);
            for (double v : power[t]) {
                framePower[t] += v;
            }
        }
        // only whole frames estimate the noise: the zero-padded last ones would look quieter than it
        int whole = 1 + (signal.length - nFft) / hop;
        double[] noise = noiseSpectrum(power, framePower, whole);

        double[] out = new double[signal.length];
        double[] norm = new double[signal.length];
        for (int t = 0; t < frames; t++) {
            double[] buffer = spectra[t];
            double[] p = smoothed(power, t);
            buffer[0] *= gain(p[0], noise[0]);
            buffer[1] *= gain(p[nFft / 2], noise[nFft / 2]);
            for (int k = 1; k < nFft / 2; k++) {
                double g = gain(p[k], noise[k]);
                buffer[2 * k] *= g;
                buffer[2 * k + 1] *= g;
            }
            fft.realInverse(buffer, true);
            int origin = t * hop;
            for (int n = 0; n < nFft && origin + n < signal.length; n++) {
                out[origin + n] += buffer[n] * window[n];
                norm[origin + n] += window[n] * window[n];
            }
        }
        float[] result = new float[signal.length];
        for (int i = 0; i < result.length; i++) {
            // the first and last samples have (almost) no window weight: keep them as they were
            result[i] = norm[i] > 1e-3 ? (float) (out[i] / norm[i]) : signal[i];
        }
        return result;
    }

    /**
     * Frame t's power averaged with its neighbours in time and frequency: a single periodogram bin of steady noise
     * often lies far above the noise's mean, and each such bin would survive the subtraction as a short tone.
     */
    private static double[] smoothed(double[][] power, int t) {
        int bins = power[t].length;
        double[] out = new double[bins];
        for (int u = Math.max(0, t - 1); u <= Math.min(power.length - 1, t + 1); u++) {
            double[] p = power[u];
            for (int k = 0; k < bins; k++) {
                double sum = p[k];
                int n = 1;
                if (k > 0) {
                    sum += p[k - 1];
                    n++;
                }
                if (k < bins - 1) {
                    sum += p[k + 1];
                    n++;
                }
                out[k] += sum / n;
            }
        }
        int frames = Math.min(power.length - 1, t + 1) - Math.max(0, t - 1) + 1;
        for (int k = 0; k < bins; k++) {
            out[k] /= frames;
        }
        return out;
    }

    private double[] noiseSpectrum(double[][] power, double[] framePower, int frames) {
        Integer[] order = new Integer[frames];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> Double.compare(framePower[a], framePower[b]));
        int quiet = Math.max(1, (int) Math.round(quietestFraction * frames));
        double[] noise = new double[power[0].length];
        for (int i = 0; i < quiet; i++) {
            double[] p = power[order[i]];
            for (int k = 0; k < noise.length; k++) {
                noise[k] += p[k] / quiet;
            }
        }
        return noise;
    }

    /** The magnitude gain of a bin with power {@code p} over noise {@code n}. */
    private double gain(double p, double n) {
        if (p <= 0) {
            return 1;
        }
        return Math.sqrt(Math.max(1 - overSubtraction * n / p, floor));
    }
}
