package io.github.ser.features;

import io.github.ser.audio.Resampler;
import io.github.ser.dsp.Contours;
import io.github.ser.dsp.Dct;
import io.github.ser.dsp.Decibels;
import io.github.ser.dsp.FilterBank;
import io.github.ser.dsp.FrameEnergy;
import io.github.ser.dsp.FrameStatistics;
import io.github.ser.dsp.Loudness;
import io.github.ser.dsp.MelFilterBank;
import io.github.ser.dsp.Pitch;
import io.github.ser.dsp.SpectralShape;
import io.github.ser.dsp.SpectralSubtraction;
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
 * <p>
 * Version 1 analyses the whole 16 kHz band. Version 3 computes the same numbers from the band every phone call
 * carries: the clip is resampled to 8 kHz first, so nothing above 4 kHz (which a narrowband call or a low-bitrate
 * codec removes, and a studio microphone keeps) can become a cue.
 * Version 4 also subtracts the clip's steady background noise from that band before anything else and counts only
 * frames above that noise as speech, so a fan or a car behind the voice moves the numbers about half as much; compared
 * on 2026-12-04, it did not transfer better than v3 and takes 1.4 times as long, so it is not the default
 * (docs/accuracy.md).
 */
public final class SpeechFeatureSet implements FeatureSet {
    public static final String NAME = "speech";
    /** Clips come in at this rate, whatever the band analysed. */
    static final int SAMPLE_RATE = 16_000;
    private static final int N_MELS = 64;
    private static final int N_MFCC = 20;
    private static final double ACTIVE_RANGE_DB = 35;
    // only digital near-silence is excluded outright; otherwise "active" is relative, so it does not depend on gain
    private static final double ACTIVE_FLOOR_DBFS = -80;
    private static final double TARGET_RMS = 0.1;
    private static final double FRAMES_PER_SECOND = 100;
    // the noise is the mean of the quietest tenth of the frames, subtracted three times over (Berouti et al. use 3-5
    // at low SNR), keeping at least 0.5% of a bin's power: white noise 6 dB below a tone drops 16 dB, the tone 0.03 dB
    private static final double QUIETEST_FRACTION = 0.1;
    private static final SpectralSubtraction NOISE_SUBTRACTION = new SpectralSubtraction(QUIETEST_FRACTION, 3, 0.005);
    // speech frames stand this far above the noise floor; the rest of a noisy clip is the noise
    private static final double ABOVE_NOISE_FLOOR_DB = 6;

    /**
     * What differs between versions: the rate the band is analysed at, its framing (25 ms windows every 10 ms) and the
     * pitch tracker (40 ms frames every 10 ms, 60-500 Hz: every speaking voice, on the STFT's frame grid) and
     * whether steady background noise is subtracted first.
     */
    public record Band(int version, int analysisRate, StftConfig framing, Pitch.Settings pitch, boolean subtractNoise) {
        public Band {
            if (analysisRate / (double) framing.hopLength() != FRAMES_PER_SECOND || pitch.sampleRate() != analysisRate) {
                throw new IllegalArgumentException("frames every 10 ms, pitch tracked at the analysis rate");
            }
        }
    }

    /** 0-8 kHz. */
    public static final Band WIDEBAND = new Band(1, SAMPLE_RATE, new StftConfig(512, 160, 400),
            new Pitch.Settings(SAMPLE_RATE, 0.04, 0.01, 60, 500, 0.15), false);
    /** The version computed from 0-4 kHz, the shipped model's (a constant: annotations and switches name it). */
    public static final int NARROWBAND_VERSION = 3;
    /** 0-4 kHz: the same FFT size, so mel bands keep enough bins at half the rate. */
    public static final Band NARROWBAND = new Band(NARROWBAND_VERSION, 8_000, new StftConfig(512, 80, 200),
            new Pitch.Settings(8_000, 0.04, 0.01, 60, 500, 0.15), false);
    /** The version computed from 0-4 kHz without the steady background noise. */
    public static final int NARROWBAND_DENOISED_VERSION = 4;
    /** 0-4 kHz after the clip's steady background noise is subtracted ({@link SpectralSubtraction}). */
    public static final Band NARROWBAND_DENOISED = new Band(NARROWBAND_DENOISED_VERSION, NARROWBAND.analysisRate(),
            NARROWBAND.framing(), NARROWBAND.pitch(), true);

    private final Band band;
    private final Stft stft;
    private final Dct dct = new Dct(N_MELS, N_MFCC);
    private final FilterBank melBank;
    private final Pitch pitch;
    private final List<String> names;

    public SpeechFeatureSet(Band band) {
        this.band = band;
        this.stft = new Stft(band.framing());
        this.melBank = MelFilterBank.create(band.analysisRate(), band.framing().nFft(), N_MELS);
        this.pitch = new Pitch(band.pitch());
        // names come from the same code path as the values: extract once from a synthetic vowel-like tone
        names = compute(SyntheticVoice.vowel(SAMPLE_RATE), NamedVector.withNames()).names();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int sampleRate() {
        return SAMPLE_RATE;
    }

    @Override
    public int version() {
        return band.version();
    }

    @Override
    public List<String> names() {
        return names;
    }

    @Override
    public double[] extract(float[] samples, int sampleRate) {
        if (sampleRate != SAMPLE_RATE) {
            throw new IllegalArgumentException("the speech feature set expects 16 kHz audio, got " + sampleRate);
        }
        return compute(samples, NamedVector.valuesOnly()).values();
    }

    private NamedVector compute(float[] clip, NamedVector v) {
        float[] limited = band.analysisRate() == SAMPLE_RATE ? clip : Resampler.resample(clip, SAMPLE_RATE, band.analysisRate());
        StftConfig framing = band.framing();
        double floorDb = ACTIVE_FLOOR_DBFS;
        float[] raw = limited;
        if (band.subtractNoise()) {
            // what is left of the noise after the subtraction must not count as speech: a frame is active only
            // above the clip's noise floor (its quietest tenth, before the subtraction) as well
            double[] sorted = FrameEnergy.rmsDb(limited, framing.winLength(), framing.hopLength());
            Arrays.sort(sorted);
            floorDb = Math.max(floorDb, FrameStatistics.sortedPercentile(sorted, 100 * QUIETEST_FRACTION)
                    + ABOVE_NOISE_FLOOR_DB);
            raw = NOISE_SUBTRACTION.apply(limited, band.analysisRate());
        }
        double[] rawLevels = FrameEnergy.rmsDb(raw, framing.winLength(), framing.hopLength());
        boolean[] active = Loudness.atLeast(FrameEnergy.active(rawLevels, ACTIVE_RANGE_DB, floorDb), 3);
        float[] x = Loudness.normalise(raw, rawLevels, active, TARGET_RMS);

        double[][] power = stft.power(x);
        double[][] logMel = Decibels.powerToDb(melBank.apply(power));
        double[][] mfcc = dct.transform(logMel);
        double[] levels = FrameEnergy.rmsDb(x, framing.winLength(), framing.hopLength());

        addMfcc(v, mfcc, active);
        addLogMel(v, logMel, active);
        addSpectralShape(v, power, band.analysisRate(), active);
        addEnergy(v, levels, active);
        Pitch.Track track = pitch.analyse(x, active);
        addPitch(v, track.f0(), active);
        addVoiceQuality(v, track, active);
        addRhythm(v, levels, active);
        return v;
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

    private static void addSpectralShape(NamedVector v, double[][] power, int rate, boolean[] active) {
        double[][] a = SpectralShape.describe(power, rate, active);
        String[] names = {"centroid", "bandwidth", "rolloff", "flatness", "flux", "alpha_ratio", "hammarberg"};
        double[] mean = FrameStatistics.mean(a);
        double[] std = FrameStatistics.std(a);
        for (int i = 0; i < names.length; i++) {
            v.add("spectral_" + names[i] + "_mean", mean[i]);
            v.add("spectral_" + names[i] + "_std", std[i]);
        }
    }

    private static void addEnergy(NamedVector v, double[] levels, boolean[] active) {
        double[] a = FrameStatistics.select(levels, active);
        double[] sorted = a.clone();
        Arrays.sort(sorted);
        v.add("energy_std", std(a));
        v.add("energy_p10", FrameStatistics.sortedPercentile(sorted, 10));
        v.add("energy_p90", FrameStatistics.sortedPercentile(sorted, 90));
        v.add("energy_delta_abs_mean", Contours.meanAbsDelta(a));
        v.add("energy_slope_db_per_s", Contours.slope(a) * FRAMES_PER_SECOND);
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
        v.add("pitch_delta_abs_mean_st", any ? Contours.meanAbsDelta(s) : 0);
        v.add("pitch_slope_st_per_s", any ? Contours.slope(s) * FRAMES_PER_SECOND : 0);
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
        int[] bounds = Contours.activeSpan(active);
        int first = bounds[0];
        int last = bounds[1];
        double[] smooth = Contours.movingAverage(levels, 2);
        int peaks = 0;
        int activeFrames = 0;
        for (int t = first; t <= last; t++) {
            activeFrames += active[t] ? 1 : 0;
            if (active[t] && Contours.isPeak(smooth, t, 8, 3.0)) {
                peaks++;
            }
        }
        double span = (last - first + 1) / FRAMES_PER_SECOND;
        v.add("rhythm_peaks_per_s", peaks / Math.max(span, 0.01));
        v.add("rhythm_pause_ratio", 1 - activeFrames / (double) (last - first + 1));
        v.add("rhythm_active_seconds", activeFrames / FRAMES_PER_SECOND);
    }

}
