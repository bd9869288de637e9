package io.github.ser.dsp;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Short-time Fourier transform (librosa.stft with center=True, constant padding, Hann window).
 * Spectrograms are {@code double[frame][bin]}: frame-major, because every later step walks frames.
 */
public final class Stft {
    private final StftConfig config;
    private final double[] window;
    private final DoubleFFT_1D fft;

    public Stft(StftConfig config) {
        this.config = config;
        this.window = Windows.hann(config.winLength(), config.nFft());
        this.fft = new DoubleFFT_1D(config.nFft());
    }

    public StftConfig config() {
        return config;
    }

    /** |STFT| from |STFT|², as a new matrix. */
    public static double[][] magnitude(double[][] power) {
        double[][] out = new double[power.length][];
        for (int t = 0; t < power.length; t++) {
            out[t] = power[t].clone();
        }
        return magnitudeInPlace(out);
    }

    /**
     * |STFT| from |STFT|², overwriting it: for a caller done with the power, this saves allocating and zeroing a
     * second spectrogram (1 MB for a 4-second clip at the seed framing).
     */
    public static double[][] magnitudeInPlace(double[][] power) {
        for (double[] p : power) {
            // the row in a local: a loop the JIT turns into vector square roots
            for (int k = 0; k < p.length; k++) {
                p[k] = Math.sqrt(p[k]);
            }
        }
        return power;
    }

    /** |STFT|²: power spectrogram. */
    public double[][] power(float[] signal) {
        int nFft = config.nFft();
        int pad = nFft / 2;
        int frames = config.frames(signal.length);
        int bins = config.bins();
        double[][] out = new double[frames][bins];
        double[] buffer = new double[nFft];
        for (int t = 0; t < frames; t++) {
            // sample index of buffer[0] in the unpadded signal
            int origin = t * config.hopLength() - pad;
            if (origin >= 0 && origin + nFft <= signal.length) {
                for (int n = 0; n < nFft; n++) {
                    buffer[n] = signal[origin + n] * window[n];
                }
            } else {
                for (int n = 0; n < nFft; n++) {
                    int i = origin + n;
                    buffer[n] = (i >= 0 && i < signal.length) ? signal[i] * window[n] : 0.0;
                }
            }
            fft.realForward(buffer);
            packedPower(buffer, out[t]);
        }
        return out;
    }

    /** |X|² per bin into {@code row} (nFft / 2 + 1 bins) from a spectrum as JTransforms' realForward packs it. */
    static void packedPower(double[] packed, double[] row) {
        int last = row.length - 1;
        row[0] = packed[0] * packed[0];
        row[last] = packed[1] * packed[1];
        for (int k = 1; k < last; k++) {
            double re = packed[2 * k];
            double im = packed[2 * k + 1];
            row[k] = re * re + im * im;
        }
    }
}
