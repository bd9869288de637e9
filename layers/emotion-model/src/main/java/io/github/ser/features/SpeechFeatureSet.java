package io.github.ser.features;

import io.github.ser.dsp.Dct;
import io.github.ser.dsp.Decibels;
import io.github.ser.dsp.FilterBank;
import io.github.ser.dsp.FrameEnergy;
import io.github.ser.dsp.FrameStatistics;
import io.github.ser.dsp.MelFilterBank;
import io.github.ser.dsp.Pitch;
import io.github.ser.dsp.SpectralShape;
import io.github.ser.dsp.Stft;
import io.github.ser.dsp.StftConfig;

import java.util.Arrays;
import java.util.List;

import static io.github.ser.dsp.FrameStatistics.mean;
import static io.github.ser.dsp.FrameStatistics.std;

/**
 * The default recipe: speech framing (25 ms windows every 10 ms), statistics beyond the mean over the
 * frames where someone speaks, and prosody. The signal is first scaled so its active speech sits at a fixed
 * level, so a quiet phone recording and a loud studio one give the same spectral numbers; loudness then
 * only enters through its variation (energy contour), as in eGeMAPS-style feature sets.
 */
public final class SpeechFeatureSet implements FeatureSet {
    public static final String NAME = "speech";
    private static final int N_MELS = 64;
    private static final int N_MFCC = 20;
    private static final double ACTIVE_RANGE_DB = 35;
    // only digital near-silence is excluded outright; otherwise "active" is relative, so it does not depend on gain
    private static final double ACTIVE_FLOOR_DBFS = -80;
    private static final double TARGET_RMS = 0.1;
    private static final double FRAMES_PER_SECOND = 100;

    private final StftConfig framing = new StftConfig(512, 160, 400);
    private final Stft stft = new Stft(framing);
    private final Dct dct = new Dct(N_MELS, N_MFCC);
    private final FilterBank melBank = MelFilterBank.create(16_000, framing.nFft(), N_MELS);
    private final Pitch pitch = new Pitch(16_000, 0.04, 0.01, 60, 500, 0.15);
    private final List<String> names;

    public SpeechFeatureSet() {
        // names come from the same code path as the values: extract once from a synthetic vowel-like tone
        float[] probe = new float[16_000];
        for (int i = 0; i < probe.length; i++) {
            probe[i] = (float) (0.1 * Math.sin(2 * Math.PI * 150 * i / 16_000.0) + 0.05 * Math.sin(2 * Math.PI * 450 * i / 16_000.0));
        }
        names = compute(probe, NamedVector.withNames()).names();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public List<String> names() {
        return names;
    }

    @Override
    public double[] extract(float[] samples, int sampleRate) {
        if (sampleRate != 16_000) {
            throw new IllegalArgumentException("the speech feature set expects 16 kHz audio, got " + sampleRate);
        }
        return compute(samples, NamedVector.valuesOnly()).values();
    }

    private NamedVector compute(float[] raw, NamedVector v) {
        double[] rawLevels = FrameEnergy.rmsDb(raw, framing.winLength(), framing.hopLength());
        boolean[] active = atLeastSomeActive(FrameEnergy.active(rawLevels, ACTIVE_RANGE_DB, ACTIVE_FLOOR_DBFS));
        float[] x = normaliseLoudness(raw, rawLevels, active);

        double[][] power = stft.power(x);
        double[][] logMel = Decibels.powerToDb(melBank.apply(power));
        double[][] mfcc = dct.transform(logMel);
        double[] levels = FrameEnergy.rmsDb(x, framing.winLength(), framing.hopLength());

        addMfcc(v, mfcc, active);
        addLogMel(v, logMel, active);
        addSpectralShape(v, power, active);
        addEnergy(v, levels, active);
        Pitch.Track track = pitch.analyse(x, active);
        addPitch(v, track.f0(), active);
        addVoiceQuality(v, track, active);
        addRhythm(v, levels, active);
        return v;
    }

    private static boolean[] atLeastSomeActive(boolean[] active) {
        int n = 0;
        for (boolean a : active) {
            n += a ? 1 : 0;
        }
        if (n >= 3) {
            return active;
        }
        boolean[] all = new boolean[active.length];
        Arrays.fill(all, true);
        return all;
    }

    private static float[] normaliseLoudness(float[] x, double[] levelsDb, boolean[] active) {
        double sum = 0;
        int n = 0;
        for (int t = 0; t < levelsDb.length; t++) {
            if (active[t]) {
                sum += Math.pow(10, levelsDb[t] / 10);
                n++;
            }
        }
        double rms = Math.sqrt(sum / Math.max(1, n));
        double gain = rms > 1e-5 ? TARGET_RMS / rms : 1.0;
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (float) (x[i] * gain);
        }
        return out;
    }

    private static void addMfcc(NamedVector v, double[][] mfcc, boolean[] active) {
        double[][] a = FrameStatistics.select(mfcc, active);
        double[][] pct = FrameStatistics.percentiles(a, 10, 90);
        v.addAll("mfcc", "mean", FrameStatistics.mean(a));
        v.addAll("mfcc", "std", FrameStatistics.std(a));
        v.addAll("mfcc", "p10", pct[0]);
        v.addAll("mfcc", "p90", pct[1]);
        double[][] delta = FrameStatistics.delta(mfcc, 2);
        v.addAll("mfcc_delta", "std", FrameStatistics.std(FrameStatistics.select(delta, active)));
        double[][] delta2 = FrameStatistics.delta(delta, 2);
        v.addAll("mfcc_delta2", "std", FrameStatistics.std(FrameStatistics.select(delta2, active)));
    }

    private static void addLogMel(NamedVector v, double[][] logMel, boolean[] active) {
        double[][] a = FrameStatistics.select(logMel, active);
        v.addAll("logmel", "mean", FrameStatistics.mean(a));
        v.addAll("logmel", "std", FrameStatistics.std(a));
    }

    private static void addSpectralShape(NamedVector v, double[][] power, boolean[] active) {
        double[][] a = FrameStatistics.select(SpectralShape.describe(power, 16_000), active);
        String[] names = {"centroid", "bandwidth", "rolloff", "flatness", "flux", "alpha_ratio", "hammarberg"};
        double[] mean = FrameStatistics.mean(a);
        double[] std = FrameStatistics.std(a);
        for (int i = 0; i < names.length; i++) {
            v.add("spectral_" + names[i] + "_mean", mean[i]);
            v.add("spectral_" + names[i] + "_std", std[i]);
        }
    }

    private static void addEnergy(NamedVector v, double[] levels, boolean[] active) {
        double[] a = select(levels, active);
        double[] sorted = a.clone();
        Arrays.sort(sorted);
        v.add("energy_std", std(a));
        v.add("energy_p10", FrameStatistics.sortedPercentile(sorted, 10));
        v.add("energy_p90", FrameStatistics.sortedPercentile(sorted, 90));
        v.add("energy_delta_abs_mean", meanAbsDelta(a));
        v.add("energy_slope_db_per_s", slope(a) * FRAMES_PER_SECOND);
    }

    private static void addPitch(NamedVector v, double[] f0, boolean[] active) {
        double[] semitones = new double[f0.length];
        int voiced = 0;
        int activeFrames = 0;
        for (int t = 0; t < f0.length; t++) {
            boolean isActive = t < active.length && active[t];
            activeFrames += isActive ? 1 : 0;
            if (f0[t] > 0 && isActive) {
                semitones[voiced++] = 12 * Math.log(f0[t] / 100.0) / Math.log(2);
            }
        }
        double[] s = Arrays.copyOf(semitones, voiced);
        double[] sorted = s.clone();
        Arrays.sort(sorted);
        boolean any = s.length > 0;
        v.add("pitch_voiced_ratio", voiced / (double) Math.max(1, activeFrames));
        v.add("pitch_mean_st", any ? mean(s) : 0);
        v.add("pitch_std_st", any ? std(s) : 0);
        v.add("pitch_p10_st", any ? FrameStatistics.sortedPercentile(sorted, 10) : 0);
        v.add("pitch_p50_st", any ? FrameStatistics.sortedPercentile(sorted, 50) : 0);
        v.add("pitch_p90_st", any ? FrameStatistics.sortedPercentile(sorted, 90) : 0);
        v.add("pitch_delta_abs_mean_st", any ? meanAbsDelta(s) : 0);
        v.add("pitch_slope_st_per_s", any ? slope(s) * FRAMES_PER_SECOND : 0);
    }

    /** Aperiodicity of voiced frames (breathy or rough voices are less periodic) and frame-to-frame f0 jitter. */
    private static void addVoiceQuality(NamedVector v, Pitch.Track track, boolean[] active) {
        double[] f0 = track.f0();
        double[] ap = new double[f0.length];
        int n = 0;
        double jitter = 0;
        int pairs = 0;
        for (int t = 0; t < f0.length; t++) {
            if (f0[t] > 0 && t < active.length && active[t]) {
                ap[n++] = track.aperiodicity()[t];
                if (t > 0 && f0[t - 1] > 0) {
                    jitter += Math.abs(1 / f0[t] - 1 / f0[t - 1]) * (f0[t] + f0[t - 1]) / 2;
                    pairs++;
                }
            }
        }
        double[] a = Arrays.copyOf(ap, n);
        v.add("voice_aperiodicity_mean", n > 0 ? mean(a) : 1);
        v.add("voice_aperiodicity_std", n > 0 ? std(a) : 0);
        v.add("voice_jitter_relative", pairs > 0 ? jitter / pairs : 0);
    }

    /** Speaking rate from loudness peaks (syllable nuclei) and how much of the utterance is pause. */
    private static void addRhythm(NamedVector v, double[] levels, boolean[] active) {
        int first = 0;
        int last = active.length - 1;
        while (first < last && !active[first]) {
            first++;
        }
        while (last > first && !active[last]) {
            last--;
        }
        double[] smooth = new double[levels.length];
        for (int t = 0; t < levels.length; t++) {
            double sum = 0;
            int n = 0;
            for (int k = Math.max(0, t - 2); k <= Math.min(levels.length - 1, t + 2); k++) {
                sum += levels[k];
                n++;
            }
            smooth[t] = sum / n;
        }
        int peaks = 0;
        int activeFrames = 0;
        for (int t = first; t <= last; t++) {
            activeFrames += active[t] ? 1 : 0;
            if (active[t] && isPeak(smooth, t, 8, 3.0)) {
                peaks++;
            }
        }
        double span = (last - first + 1) / FRAMES_PER_SECOND;
        v.add("rhythm_peaks_per_s", peaks / Math.max(span, 0.01));
        v.add("rhythm_pause_ratio", 1 - activeFrames / (double) (last - first + 1));
        v.add("rhythm_active_seconds", activeFrames / FRAMES_PER_SECOND);
    }

    /** Highest within ±radius frames and at least {@code depthDb} above the lowest point on each side. */
    private static boolean isPeak(double[] x, int t, int radius, double depthDb) {
        double leftMin = x[t];
        double rightMin = x[t];
        for (int k = Math.max(0, t - radius); k <= Math.min(x.length - 1, t + radius); k++) {
            if (x[k] > x[t]) {
                return false;
            }
            if (k < t) {
                leftMin = Math.min(leftMin, x[k]);
            } else {
                rightMin = Math.min(rightMin, x[k]);
            }
        }
        return x[t] - leftMin >= depthDb && x[t] - rightMin >= depthDb;
    }

    private static double[] select(double[] x, boolean[] keep) {
        double[] out = new double[x.length];
        int n = 0;
        for (int t = 0; t < x.length && t < keep.length; t++) {
            if (keep[t]) {
                out[n++] = x[t];
            }
        }
        return Arrays.copyOf(out, n);
    }



    private static double meanAbsDelta(double[] x) {
        double s = 0;
        for (int i = 1; i < x.length; i++) {
            s += Math.abs(x[i] - x[i - 1]);
        }
        return x.length < 2 ? 0 : s / (x.length - 1);
    }

    /** Least-squares slope per frame. */
    private static double slope(double[] y) {
        int n = y.length;
        if (n < 2) {
            return 0;
        }
        double mx = (n - 1) / 2.0;
        double my = mean(y);
        double num = 0;
        double den = 0;
        for (int i = 0; i < n; i++) {
            num += (i - mx) * (y[i] - my);
            den += (i - mx) * (i - mx);
        }
        return num / den;
    }
}
