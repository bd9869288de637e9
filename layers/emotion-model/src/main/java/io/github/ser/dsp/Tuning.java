package io.github.ser.dsp;

import java.util.Arrays;

/**
 * Tuning deviation from A440 in fractions of a bin (librosa.estimate_tuning on a magnitude spectrogram):
 * parabolic-interpolated spectral peaks (piptrack) above the median peak magnitude, histogrammed by their
 * distance to the nearest semitone.
 */
public final class Tuning {
    private static final double PIPTRACK_FMIN = 150.0;
    private static final double PIPTRACK_FMAX = 4000.0;
    private static final double PIPTRACK_THRESHOLD = 0.1;

    private Tuning() {
    }

    /**
     * @param magnitude     {@code [frame][bin]} magnitude spectrogram
     * @param resolution    histogram bin width, in bins (librosa: 0.01)
     * @param binsPerOctave 12 for semitones
     */
    public static double estimate(double[][] magnitude, int sampleRate, double resolution, int binsPerOctave) {
        int bins = magnitude.length == 0 ? 0 : magnitude[0].length;
        int nFft = 2 * (bins - 1);
        double fmax = Math.min(PIPTRACK_FMAX, sampleRate / 2.0);
        double[] pitches = new double[64];
        double[] mags = new double[64];
        int count = 0;
        // the bins whose centre frequency lies in [fmin, fmax)
        int kLo = 1;
        while (kLo < bins && kLo * (double) sampleRate / nFft < PIPTRACK_FMIN) {
            kLo++;
        }
        int kHi = kLo;
        while (kHi < bins && kHi * (double) sampleRate / nFft < fmax) {
            kHi++;
        }
        for (double[] frame : magnitude) {
            double ref = PIPTRACK_THRESHOLD * max(frame);
            for (int k = kLo; k < kHi; k++) {
                // most bins lie below the threshold and cannot be peaks: rejected before the neighbours are read
                if (frame[k] <= ref || !isPeak(frame, k, ref)) {
                    continue;
                }
                if (count == pitches.length) {
                    pitches = Arrays.copyOf(pitches, 2 * count);
                    mags = Arrays.copyOf(mags, 2 * count);
                }
                double shift = parabolicShift(frame, k);
                double gradient = k == bins - 1 ? frame[k] - frame[k - 1] : 0.5 * (frame[k + 1] - frame[k - 1]);
                // librosa stores pitches and magnitudes as float32
                pitches[count] = (float) ((k + shift) * sampleRate / nFft);
                mags[count] = (float) (frame[k] + 0.5 * gradient * shift);
                count++;
            }
        }
        return fromPeaks(Arrays.copyOf(pitches, count), Arrays.copyOf(mags, count), resolution, binsPerOctave);
    }

    /** librosa's defaults: resolution 0.01, 12 bins per octave. */
    public static double estimate(double[][] magnitude, int sampleRate) {
        return estimate(magnitude, sampleRate, 0.01, 12);
    }

    /** Local maximum of the thresholded spectrum {@code S * (S > ref)} (librosa.util.localmax). */
    private static boolean isPeak(double[] frame, int k, double ref) {
        double here = thresholded(frame[k], ref);
        double before = thresholded(frame[k - 1], ref);
        if (k == frame.length - 1) {
            return here > before;
        }
        return here > before && here >= thresholded(frame[k + 1], ref);
    }

    private static double thresholded(double v, double ref) {
        return v > ref ? v : 0.0;
    }

    /** Vertex offset of the parabola through bins k-1, k, k+1; 0 where it would move more than a bin. */
    private static double parabolicShift(double[] frame, int k) {
        if (k == 0 || k == frame.length - 1) {
            return 0;
        }
        double a = frame[k + 1] + frame[k - 1] - 2 * frame[k];
        double b = (frame[k + 1] - frame[k - 1]) / 2;
        return Math.abs(b) >= Math.abs(a) ? 0 : -b / a;
    }

    private static double fromPeaks(double[] pitches, double[] mags, double resolution, int binsPerOctave) {
        int n = 0;
        for (double p : pitches) {
            if (p > 0) {
                n++;
            }
        }
        if (n == 0) {
            return 0.0;
        }
        double threshold = FrameStatistics.median(positiveMags(pitches, mags, n));
        double[] selected = new double[n];
        int m = 0;
        for (int i = 0; i < pitches.length; i++) {
            if (pitches[i] > 0 && mags[i] >= threshold) {
                selected[m++] = pitches[i];
            }
        }
        return pitchTuning(Arrays.copyOf(selected, m), resolution, binsPerOctave);
    }

    private static double[] positiveMags(double[] pitches, double[] mags, int n) {
        double[] out = new double[n];
        int j = 0;
        for (int i = 0; i < pitches.length; i++) {
            if (pitches[i] > 0) {
                out[j++] = mags[i];
            }
        }
        return out;
    }

    /** Largest value of a non-negative frame; four running maxima, because one waits on its own last comparison. */
    private static double max(double[] frame) {
        double m0 = 0;
        double m1 = 0;
        double m2 = 0;
        double m3 = 0;
        int k = 0;
        for (; k + 4 <= frame.length; k += 4) {
            m0 = frame[k] > m0 ? frame[k] : m0;
            m1 = frame[k + 1] > m1 ? frame[k + 1] : m1;
            m2 = frame[k + 2] > m2 ? frame[k + 2] : m2;
            m3 = frame[k + 3] > m3 ? frame[k + 3] : m3;
        }
        for (; k < frame.length; k++) {
            m0 = frame[k] > m0 ? frame[k] : m0;
        }
        return Math.max(Math.max(m0, m1), Math.max(m2, m3));
    }

    /** librosa.pitch_tuning: histogram of each frequency's offset from the nearest bin, peak's left edge. */
    public static double pitchTuning(double[] frequencies, double resolution, int binsPerOctave) {
        int nBins = (int) Math.ceil(1.0 / resolution);
        double step = 1.0 / nBins;
        double[] edges = new double[nBins + 1];
        for (int i = 0; i <= nBins; i++) {
            edges[i] = i * step + -0.5; // numpy.linspace arithmetic, so ties land in the same bin
        }
        edges[nBins] = 0.5;
        int[] counts = new int[nBins];
        boolean any = false;
        for (double f : frequencies) {
            if (!(f > 0)) {
                continue;
            }
            any = true;
            // numpy keeps librosa's float32 pitches in float32 here; near-tied histograms depend on it
            float octs = (float) (Math.log((float) f / (440.0f / 16)) / Math.log(2));
            double residual = (float) floorMod(binsPerOctave * octs, 1.0);
            if (residual >= 0.5) {
                residual -= 1.0;
            }
            counts[histogramBin(residual, edges)]++;
        }
        if (!any) {
            return 0.0;
        }
        int best = 0;
        for (int i = 1; i < nBins; i++) {
            if (counts[i] > counts[best]) {
                best = i;
            }
        }
        return edges[best];
    }

    /** numpy.histogram's bin choice for uniform edges: [e_i, e_{i+1}), last bin closed. */
    private static int histogramBin(double x, double[] edges) {
        int n = edges.length - 1;
        int i = (int) ((x - edges[0]) * (n / (edges[n] - edges[0])));
        i = Math.max(0, Math.min(n - 1, i));
        if (x < edges[i]) {
            i--;
        } else if (i < n - 1 && x >= edges[i + 1]) {
            i++;
        }
        return Math.max(0, Math.min(n - 1, i));
    }

    /** numpy.mod for floats: the result has the divisor's sign. */
    static double floorMod(double x, double m) {
        return x - Math.floor(x / m) * m;
    }
}
