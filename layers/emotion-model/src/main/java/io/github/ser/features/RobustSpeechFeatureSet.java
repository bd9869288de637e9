package io.github.ser.features;

import io.github.ser.dsp.Contours;
import io.github.ser.dsp.Dct;
import io.github.ser.dsp.Decibels;
import io.github.ser.dsp.FilterBank;
import io.github.ser.dsp.FrameEnergy;
import io.github.ser.dsp.FrameStatistics;
import io.github.ser.dsp.HalfBand;
import io.github.ser.dsp.Loudness;
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
 * {@code speech} v2: numbers meant to travel to voices, languages and microphones the model never heard.
 * <ul>
 *   <li><b>No constant offsets.</b> A microphone or a vocal tract adds a constant to every frame's cepstrum and
 *   log spectrum; so cepstra are mean-normalised per utterance (CMN) and only their spread and movement enter, the
 *   log-mel bands only through their variation, and the long-term spectrum only as balance between broad bands
 *   (relative to its own mean). Level is normalised away.</li>
 *   <li><b>Pitch relative to the utterance's own level</b>: range, spread and movement in semitones around the
 *   utterance's median; the median itself (a speaker trait as much as an emotion) enters once.</li>
 *   <li><b>Cues that cross languages</b>: prosody contours (pitch and energy slope, rise share, movement), voice
 *   quality (aperiodicity, harmonics-to-noise, jitter, shimmer), spectral tilt (alpha ratio, Hammarberg index) and
 *   rhythm (syllable rate, pauses, voiced runs).</li>
 * </ul>
 * Cheaper than v1: 40 mel bands, 13 cepstra, spectral flatness and flux from the log-mel bands (no logarithm per FFT
 * bin), and pitch tracked at 8 kHz (half the FFT work per frame) every 20 ms, on active frames only.
 */
public final class RobustSpeechFeatureSet implements FeatureSet {

    public static final String NAME = SpeechFeatureSet.NAME;
    public static final int VERSION = 2;

    /**
     * Everything this feature set computes with, stated once; stored implicitly with every model through the
     * feature set's name and version (change a value, bump {@link #VERSION}).
     *
     * @param sampleRate     the rate clips are resampled to
     * @param framing        STFT framing (25 ms windows every 10 ms)
     * @param melBands       mel bands of the log spectrum
     * @param cepstra        cepstral coefficients kept, c1 upwards (c0, the level, is left out)
     * @param balanceBands   broad bands of the long-term spectral balance
     * @param pitch          the pitch tracker, on the signal decimated to its rate, every {@code pitchStride} frames
     * @param activeRangeDb  a frame is active within this many dB of the loudest
     * @param activeFloorDb  and above this absolute level (digital near-silence)
     * @param targetRms      the level active speech is scaled to
     */
    public record Parameters(int sampleRate, StftConfig framing, int melBands, int cepstra, int balanceBands,
                             Pitch.Settings pitch, double activeRangeDb, double activeFloorDb, double targetRms) {

        public double framesPerSecond() {
            return sampleRate / (double) framing.hopLength();
        }

        /** STFT frames per pitch frame. */
        public int pitchStride() {
            return (int) Math.round(pitch.hopSeconds() * sampleRate / framing.hopLength());
        }
    }

    /**
     * Pitch every 20 ms (every second frame): a YIN frame costs two FFTs, and this halved the pitch tracker's share
     * of the time (the usual remedy) while its statistics over an utterance stay the same kind of number.
     */
    public static final Parameters PARAMETERS = new Parameters(16_000, new StftConfig(512, 160, 400), 40, 13, 6,
            new Pitch.Settings(8_000, 0.04, 0.02, 60, 450, 0.15), 35, -80, 0.1);

    private final Parameters p;
    private final Stft stft;
    private final FilterBank melBank;
    private final Dct dct;
    private final Pitch pitch;
    private final List<String> names;

    public RobustSpeechFeatureSet() {
        this.p = PARAMETERS;
        this.stft = new Stft(p.framing());
        this.melBank = MelFilterBank.create(p.sampleRate(), p.framing().nFft(), p.melBands());
        this.dct = new Dct(p.melBands(), p.cepstra() + 1);
        this.pitch = new Pitch(p.pitch());
        if (p.pitch().hopSeconds() * p.sampleRate() != p.pitchStride() * p.framing().hopLength()
                || p.pitchStride() < 1 || p.pitch().sampleRate() * 2 != p.sampleRate()) {
            throw new IllegalStateException("pitch is tracked at half the rate (HalfBand), on every n-th STFT frame");
        }
        names = compute(SyntheticVoice.vowel(p.sampleRate()), NamedVector.withNames()).names();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int version() {
        return VERSION;
    }

    @Override
    public int sampleRate() {
        return p.sampleRate();
    }

    @Override
    public List<String> names() {
        return names;
    }

    @Override
    public double[] extract(float[] samples, int sampleRate) {
        if (sampleRate != p.sampleRate()) {
            throw new IllegalArgumentException("speech v2 expects " + p.sampleRate() + " Hz audio, got " + sampleRate);
        }
        return compute(samples, NamedVector.valuesOnly()).values();
    }

    private NamedVector compute(float[] raw, NamedVector v) {
        int win = p.framing().winLength();
        int hop = p.framing().hopLength();
        double[] rawLevels = FrameEnergy.rmsDb(raw, win, hop);
        boolean[] active = Loudness.atLeast(FrameEnergy.active(rawLevels, p.activeRangeDb(), p.activeFloorDb()), 3);
        float[] x = Loudness.normalise(raw, rawLevels, active, p.targetRms());

        double[][] power = stft.power(x);
        double[][] logMel = Decibels.powerToDb(melBank.apply(power));
        double[][] activeLogMel = FrameStatistics.select(logMel, active);
        double[] levels = FrameEnergy.rmsDb(x, win, hop);

        addCepstra(v, dct.transform(logMel), active);
        v.addAll("logmel", "std", std(activeLogMel));
        addSpectralBalance(v, activeLogMel);
        addSpectralShape(v, FrameStatistics.select(SpectralShape.describeWithoutLogs(power, p.sampleRate()), active),
                logMel, active);
        addEnergy(v, FrameStatistics.select(levels, active));
        // pitch frame j is centred on STFT frame j * stride
        int stride = p.pitchStride();
        boolean[] pitchActive = FrameStatistics.everyNth(active, stride);
        Pitch.Track track = pitch.analyse(HalfBand.decimate(x), pitchActive);
        double[] semitones = voicedSemitones(track.f0(), pitchActive);
        addPitch(v, semitones, track.f0(), pitchActive, p.framesPerSecond() / stride);
        addVoiceQuality(v, track, FrameStatistics.everyNth(levels, stride), pitchActive);
        addRhythm(v, levels, FrameStatistics.repeatEach(track.f0(), stride, levels.length), active);
        return v;
    }

    /** c1..cN after cepstral mean normalisation: spread, percentiles and movement, never the mean. */
    private static void addCepstra(NamedVector v, double[][] cepstra, boolean[] active) {
        double[][] all = dropFirstColumn(cepstra);
        double[][] c = FrameStatistics.subtractMean(FrameStatistics.select(all, active));
        double[][] pct = FrameStatistics.percentiles(c, 10, 90);
        v.addAll("cmn_mfcc", "std", std(c));
        v.addAll("cmn_mfcc", "p10", pct[0]);
        v.addAll("cmn_mfcc", "p90", pct[1]);
        double[][] delta = FrameStatistics.delta(all, 2);
        v.addAll("mfcc_delta", "std", std(FrameStatistics.select(delta, active)));
        double[][] delta2 = FrameStatistics.delta(delta, 2);
        v.addAll("mfcc_delta2", "std", std(FrameStatistics.select(delta2, active)));
    }

    /** The long-term log spectrum in broad bands, each relative to their mean: tilt and shape, not level. */
    private void addSpectralBalance(NamedVector v, double[][] activeLogMel) {
        double[] longTerm = mean(activeLogMel);
        int bands = p.balanceBands();
        double[] broad = new double[bands];
        for (int b = 0; b < bands; b++) {
            int from = b * longTerm.length / bands;
            int to = (b + 1) * longTerm.length / bands;
            broad[b] = mean(Arrays.copyOfRange(longTerm, from, to));
        }
        double overall = mean(broad);
        for (int b = 0; b < bands; b++) {
            v.add(String.format("balance_band%d_db", b), broad[b] - overall);
        }
    }

    /** Where the energy sits and how it tilts (from the power spectrum); flatness and onsets from the log-mel one. */
    private static void addSpectralShape(NamedVector v, double[][] shape, double[][] logMel, boolean[] active) {
        String[] names = {"centroid", "bandwidth", "rolloff", "alpha_ratio", "hammarberg"};
        double[] mean = mean(shape);
        double[] std = std(shape);
        for (int i = 0; i < names.length; i++) {
            v.add("spectral_" + names[i] + "_mean", mean[i]);
            v.add("spectral_" + names[i] + "_std", std[i]);
        }
        double[] flatness = new double[logMel.length];
        double[] flux = new double[logMel.length];
        for (int t = 0; t < logMel.length; t++) {
            flatness[t] = SpectralShape.flatnessDb(logMel[t]);
            flux[t] = t == 0 ? 0 : SpectralShape.fluxDb(logMel[t - 1], logMel[t]);
        }
        double[] activeFlatness = FrameStatistics.select(flatness, active);
        double[] activeFlux = FrameStatistics.select(flux, active);
        v.add("spectral_flatness_db_mean", mean(activeFlatness));
        v.add("spectral_flatness_db_std", std(activeFlatness));
        v.add("spectral_flux_db_mean", mean(activeFlux));
        v.add("spectral_flux_db_std", std(activeFlux));
    }

    /** Loudness contour of active frames, relative to its median (the level itself was normalised away). */
    private void addEnergy(NamedVector v, double[] a) {
        double[] sorted = a.clone();
        Arrays.sort(sorted);
        double median = FrameStatistics.sortedPercentile(sorted, 50);
        v.add("energy_std", std(a));
        v.add("energy_p10_re_median", FrameStatistics.sortedPercentile(sorted, 10) - median);
        v.add("energy_p90_re_median", FrameStatistics.sortedPercentile(sorted, 90) - median);
        v.add("energy_delta_abs_mean", Contours.meanAbsDelta(a));
        v.add("energy_slope_db_per_s", Contours.slope(a) * p.framesPerSecond());
    }

    /** f0 of voiced active frames in semitones re 100 Hz, in time order. */
    private static double[] voicedSemitones(double[] f0, boolean[] active) {
        double[] out = new double[f0.length];
        int n = 0;
        for (int t = 0; t < f0.length && t < active.length; t++) {
            if (f0[t] > 0 && active[t]) {
                out[n++] = 12 * Math.log(f0[t] / 100.0) / Math.log(2);
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** Pitch statistics on the pitch tracker's frames ({@code framesPerSecond} of them per second). */
    private static void addPitch(NamedVector v, double[] s, double[] f0, boolean[] active, double framesPerSecond) {
        int activeFrames = 0;
        for (int t = 0; t < f0.length && t < active.length; t++) {
            activeFrames += active[t] ? 1 : 0;
        }
        boolean any = s.length > 0;
        double[] sorted = s.clone();
        Arrays.sort(sorted);
        double median = any ? FrameStatistics.sortedPercentile(sorted, 50) : 0;
        v.add("pitch_voiced_ratio", s.length / (double) Math.max(1, activeFrames));
        v.add("pitch_median_st", median);
        v.add("pitch_std_st", any ? std(s) : 0);
        v.add("pitch_p10_re_median_st", any ? FrameStatistics.sortedPercentile(sorted, 10) - median : 0);
        v.add("pitch_p90_re_median_st", any ? FrameStatistics.sortedPercentile(sorted, 90) - median : 0);
        v.add("pitch_delta_abs_mean_st", Contours.meanAbsDelta(s));
        v.add("pitch_slope_st_per_s", Contours.slope(s) * framesPerSecond);
        v.add("pitch_rising_share", Contours.risingShare(s));
    }

    /**
     * Aperiodicity and harmonics-to-noise ratio of voiced frames (breathy or rough voices are less periodic),
     * period-to-period f0 jitter and frame-to-frame level shimmer between consecutive voiced frames (all on the
     * pitch tracker's frames; {@code levels} sampled there).
     */
    private static void addVoiceQuality(NamedVector v, Pitch.Track track, double[] levels, boolean[] active) {
        double[] f0 = track.f0();
        double[] ap = new double[f0.length];
        double[] hnr = new double[f0.length];
        int n = 0;
        double jitter = 0;
        double shimmer = 0;
        int pairs = 0;
        for (int t = 0; t < f0.length && t < active.length && t < levels.length; t++) {
            if (f0[t] > 0 && active[t]) {
                double a = Math.max(1e-3, Math.min(1 - 1e-3, track.aperiodicity()[t]));
                ap[n] = a;
                hnr[n++] = 10 * Math.log10((1 - a) / a);
                if (t > 0 && f0[t - 1] > 0) {
                    jitter += Math.abs(1 / f0[t] - 1 / f0[t - 1]) * (f0[t] + f0[t - 1]) / 2;
                    shimmer += Math.abs(levels[t] - levels[t - 1]);
                    pairs++;
                }
            }
        }
        double[] a = Arrays.copyOf(ap, n);
        v.add("voice_aperiodicity_mean", n > 0 ? mean(a) : 1);
        v.add("voice_aperiodicity_std", n > 0 ? std(a) : 0);
        v.add("voice_hnr_mean_db", n > 0 ? mean(Arrays.copyOf(hnr, n)) : -30);
        v.add("voice_jitter_relative", pairs > 0 ? jitter / pairs : 0);
        v.add("voice_shimmer_db", pairs > 0 ? shimmer / pairs : 0);
    }

    /** Syllable rate from loudness peaks, pauses, and the length and rate of voiced runs. */
    private void addRhythm(NamedVector v, double[] levels, double[] f0, boolean[] active) {
        int[] bounds = Contours.activeSpan(active);
        int first = bounds[0];
        int last = bounds[1];
        double[] smooth = Contours.movingAverage(levels, 2);
        int peaks = 0;
        int activeFrames = 0;
        int runs = 0;
        int voicedFrames = 0;
        boolean inRun = false;
        for (int t = first; t <= last; t++) {
            activeFrames += active[t] ? 1 : 0;
            if (active[t] && Contours.isPeak(smooth, t, 8, 3.0)) {
                peaks++;
            }
            boolean voiced = t < f0.length && f0[t] > 0 && active[t];
            voicedFrames += voiced ? 1 : 0;
            runs += voiced && !inRun ? 1 : 0;
            inRun = voiced;
        }
        double fps = p.framesPerSecond();
        double span = (last - first + 1) / fps;
        v.add("rhythm_peaks_per_s", peaks / Math.max(span, 0.01));
        v.add("rhythm_pause_ratio", 1 - activeFrames / (double) (last - first + 1));
        v.add("rhythm_active_seconds", activeFrames / fps);
        v.add("rhythm_voiced_runs_per_s", runs / Math.max(span, 0.01));
        v.add("rhythm_voiced_run_seconds", runs > 0 ? voicedFrames / fps / runs : 0);
    }

    private static double[][] dropFirstColumn(double[][] frames) {
        double[][] out = new double[frames.length][];
        for (int t = 0; t < frames.length; t++) {
            out[t] = Arrays.copyOfRange(frames[t], 1, frames[t].length);
        }
        return out;
    }
}
