package io.github.ser.dsp;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Fundamental frequency by YIN (de Cheveigné and Kawahara, 2002): the cumulative-mean-normalised difference
 * function, computed through an FFT autocorrelation, first dip below a threshold, refined by a parabola.
 */
public final class Pitch {
    private final int sampleRate;
    private final int frameLength;
    private final int hop;
    private final int minLag;
    private final int maxLag;
    private final double threshold;
    private final int fftSize;

    /**
     * A pitch tracker's parameters, named so that a feature set states them once.
     *
     * @param sampleRate   rate of the signal analysed
     * @param frameSeconds analysis frame (must hold more than one period of fmin)
     * @param hopSeconds   frame step
     * @param fmin         lowest f0 searched (sets the longest lag)
     * @param fmax         highest f0 searched
     * @param threshold    YIN's aperiodicity threshold (0.1 to 0.2 is usual)
     */
    public record Settings(int sampleRate, double frameSeconds, double hopSeconds, double fmin, double fmax,
                           double threshold) {
    }

    public Pitch(Settings s) {
        this(s.sampleRate(), s.frameSeconds(), s.hopSeconds(), s.fmin(), s.fmax(), s.threshold());
    }

    /**
     * @param fmin      lowest f0 searched (sets the longest lag)
     * @param fmax      highest f0 searched
     * @param threshold YIN's aperiodicity threshold (0.1 to 0.2 is usual)
     */
    public Pitch(int sampleRate, double frameSeconds, double hopSeconds, double fmin, double fmax, double threshold) {
        this.sampleRate = sampleRate;
        this.frameLength = (int) Math.round(frameSeconds * sampleRate);
        this.hop = (int) Math.round(hopSeconds * sampleRate);
        this.minLag = (int) Math.floor(sampleRate / fmax);
        this.maxLag = (int) Math.ceil(sampleRate / fmin);
        if (maxLag >= frameLength) {
            throw new IllegalArgumentException("frame too short for fmin");
        }
        this.threshold = threshold;
        // linear (not circular) autocorrelation up to maxLag needs frameLength + maxLag points
        this.fftSize = Integer.highestOneBit(frameLength + maxLag - 1) << 1;
    }

    /**
     * Per frame f0 (Hz, 0 when unvoiced or skipped) and aperiodicity: the normalised difference at the chosen
     * lag (or its minimum when unvoiced), about 1 / (1 + harmonics-to-noise ratio): a voice-quality measure.
     */
    public record Track(double[] f0, double[] aperiodicity) {
    }

    /** Per frame: f0 in Hz, or 0 where no periodicity below the threshold was found. */
    public double[] track(float[] signal) {
        return analyse(signal, null).f0();
    }

    /**
     * Frames are centred on multiples of the hop (frame t matches {@link FrameEnergy#rmsDb} frame t);
     * frames whose {@code analyse} flag is false are skipped and reported unvoiced (saves the time spent on pauses).
     */
    public Track analyse(float[] signal, boolean[] analyse) {
        int frames = 1 + signal.length / hop;
        double[] f0 = new double[frames];
        double[] aperiodicity = new double[frames];
        java.util.Arrays.fill(aperiodicity, 1.0);
        DoubleFFT_1D fft = new DoubleFFT_1D(fftSize);
        double[] buffer = new double[fftSize];
        double[] diff = new double[maxLag + 1];
        double[] energy = new double[frameLength + 1];
        int window = frameLength - maxLag;
        double[] cmnd = new double[maxLag + 1];
        for (int t = 0; t < frames; t++) {
            if (analyse != null && (t >= analyse.length || !analyse[t])) {
                continue;
            }
            int origin = t * hop - frameLength / 2;
            java.util.Arrays.fill(buffer, 0);
            for (int n = 0; n < frameLength; n++) {
                int i = origin + n;
                buffer[n] = i >= 0 && i < signal.length ? signal[i] : 0;
                energy[n + 1] = energy[n] + buffer[n] * buffer[n];
            }
            autocorrelate(fft, buffer);
            // d(tau) = sum_{j<W} (x_j - x_{j+tau})^2 = E[0,W) + E[tau, tau+W) - 2 r_W(tau); r over the full frame
            // approximates r_W, as in librosa's yin
            for (int tau = 0; tau <= maxLag; tau++) {
                diff[tau] = energy[window] + (energy[tau + window] - energy[tau]) - 2 * buffer[tau];
            }
            double lag = pickLag(diff, cmnd);
            f0[t] = lag > 0 ? sampleRate / lag : 0;
            aperiodicity[t] = lag > 0 ? cmnd[(int) Math.round(lag)] : minimum(cmnd);
        }
        return new Track(f0, aperiodicity);
    }

    public int hop() {
        return hop;
    }

    private void autocorrelate(DoubleFFT_1D fft, double[] buffer) {
        fft.realForward(buffer);
        buffer[0] = buffer[0] * buffer[0];
        buffer[1] = buffer[1] * buffer[1];
        for (int k = 1; k < fftSize / 2; k++) {
            double re = buffer[2 * k];
            double im = buffer[2 * k + 1];
            buffer[2 * k] = re * re + im * im;
            buffer[2 * k + 1] = 0;
        }
        fft.realInverse(buffer, true);
    }

    private double minimum(double[] cmnd) {
        double min = 1;
        for (int tau = Math.max(minLag, 2); tau < maxLag; tau++) {
            min = Math.min(min, cmnd[tau]);
        }
        return min;
    }

    /** The refined lag (in samples) of the first dip below the threshold, or 0 when there is none. */
    private double pickLag(double[] diff, double[] cmnd) {
        double running = 0;
        cmnd[0] = 1;
        for (int tau = 1; tau < diff.length; tau++) {
            running += diff[tau];
            cmnd[tau] = running > 0 ? diff[tau] * tau / running : 1;
        }
        for (int tau = Math.max(minLag, 2); tau < maxLag; tau++) {
            if (cmnd[tau] < threshold) {
                while (tau + 1 < maxLag && cmnd[tau + 1] < cmnd[tau]) {
                    tau++;
                }
                double a = cmnd[tau - 1];
                double b = cmnd[tau];
                double c = cmnd[tau + 1];
                double denom = a - 2 * b + c;
                double shift = Math.abs(denom) > 1e-12 ? 0.5 * (a - c) / denom : 0;
                return tau + Math.max(-1, Math.min(1, shift));
            }
        }
        return 0;
    }
}
