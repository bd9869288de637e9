package io.github.ser;

import io.github.ser.dsp.ArgMax;
import io.github.ser.audio.AudioClip;
import io.github.ser.audio.AudioErrorCode;
import io.github.ser.audio.AudioException;
import io.github.ser.audio.SampleValues;
import io.github.ser.dsp.FrameEnergy;
import io.github.ser.features.FeatureSet;
import io.github.ser.features.Segment;
import io.github.ser.features.VoiceActivitySegmenter;
import io.github.ser.model.Calibration;
import io.github.ser.model.Manifest;
import io.github.ser.model.ModelArtifact;
import io.github.ser.model.SpeechDecoder;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine's entry point: audio bytes in, {@link Prediction} out. Every adapter (CLI, Lambda functions, local
 * stack) calls this, so a clip gets the same answer everywhere. Thread-safe.
 *
 * <p>bytes → decode → 16 kHz mono → too short? silent? → split long clips at pauses → features per segment →
 * probabilities; for several segments, the top level is their duration-weighted mean.
 */
public final class EmotionRecognizer {

    /** Loudness is judged on frames of this length. */
    private static final double LOUDNESS_FRAME_SECONDS = 0.025;

    private final ModelArtifact model;
    private final RecognizerSettings settings;
    private final SpeechDecoder decoder;
    private final VoiceActivitySegmenter segmenter;
    private final AnalysisGate gate;
    private final DeploymentStatistics statistics;

    private EmotionRecognizer(ModelArtifact model, RecognizerSettings settings, AnalysisGate gate,
                              DeploymentStatistics statistics) {
        this.model = model;
        this.settings = settings;
        this.gate = gate;
        this.statistics = statistics;
        this.decoder = new SpeechDecoder(settings.limits(), model.featureSet().sampleRate());
        this.segmenter = new VoiceActivitySegmenter(settings.segmenter());
    }

    /** @throws IOException if the artifact is missing, malformed or made for another feature set version */
    public static EmotionRecognizer load(Path modelArtifact, RecognizerSettings settings) throws IOException {
        return load(modelArtifact, settings, AnalysisGate.unbounded());
    }

    /** @param gate bounds the audio-seconds analysed at once, shared by every recognizer of the process */
    public static EmotionRecognizer load(Path modelArtifact, RecognizerSettings settings, AnalysisGate gate)
            throws IOException {
        return new EmotionRecognizer(ModelArtifact.load(modelArtifact), settings, gate, DeploymentStatistics.NONE);
    }

    public static EmotionRecognizer of(ModelArtifact model, RecognizerSettings settings) {
        return new EmotionRecognizer(model, settings, AnalysisGate.unbounded(), DeploymentStatistics.NONE);
    }

    /**
     * This recognizer, learning from every clip it analyses and aligning clips with what it learnt (a model whose
     * artifact has no training moments only learns).
     */
    public EmotionRecognizer learningFrom(DeploymentStatistics deployment) {
        return new EmotionRecognizer(model, settings, gate, deployment);
    }

    /**
     * @throws AudioException            the clip's fault, with its code
     * @throws CapacityExceededException our own: too much audio in flight, or out of memory; worth retrying
     */
    public Prediction recognize(byte[] audio) throws AudioException {
        try {
            long start = System.nanoTime();
            AudioClip clip = decoder.decode(audio);
            return recognizeDecoded(clip, millisSince(start));
        } catch (OutOfMemoryError e) {
            throw outOfMemory(e);
        }
    }

    /** For audio that is already decoded (any rate; resampled here like everything else). */
    public Prediction recognize(AudioClip clip) throws AudioException {
        try {
            long start = System.nanoTime();
            AudioClip atModelRate = decoder.toModelRate(clip);
            return recognizeDecoded(atModelRate, millisSince(start));
        } catch (OutOfMemoryError e) {
            throw outOfMemory(e);
        }
    }

    /** The corpora the model learned from, as its manifest records them. */
    public Manifest.TrainedOn trainedOn() {
        return model.manifest().trainedOn();
    }

    /** How the model's confidence is calibrated ({@link Calibration#NONE} for older models). */
    public Calibration calibration() {
        return model.calibration();
    }

    public String modelVersion() {
        return model.version();
    }

    public List<String> labels() {
        return model.labels();
    }

    public FeatureSet featureSet() {
        return model.featureSet();
    }

    private Prediction recognizeDecoded(AudioClip clip, double decodeMillis) throws AudioException {
        float[] samples = clip.samples();
        int rate = clip.sampleRate();
        double duration = clip.durationSeconds();
        SampleValues.check(samples);
        if (duration < settings.minDurationSeconds()) {
            throw new AudioException(AudioErrorCode.TOO_SHORT, String.format(
                    "clip lasts %.3f s; at least %.2f s of audio is needed", duration, settings.minDurationSeconds()));
        }
        double loudest = loudestFrameDbfs(samples, rate);
        if (loudest < settings.silenceDbfs()) {
            throw new AudioException(AudioErrorCode.SILENT, String.format(
                    "clip is silent: its loudest 25 ms is %.1f dBFS, below %.1f dBFS", loudest,
                    settings.silenceDbfs()));
        }

        try (AnalysisGate.Permit admitted = gate.enter(duration)) {
            return analyse(samples, rate, duration, decodeMillis);
        }
    }

    private Prediction analyse(float[] samples, int rate, double duration, double decodeMillis) {
        long featuresStart = System.nanoTime();
        List<Segment> segments = segmenter.split(samples, rate);
        if (segments.isEmpty()) {
            segments = List.of(new Segment(0, samples.length));
        }
        List<double[]> vectors = new ArrayList<>(segments.size());
        for (Segment segment : segments) {
            float[] part = segment.start() == 0 && segment.end() == samples.length
                    ? samples : Arrays.copyOfRange(samples, segment.start(), segment.end());
            vectors.add(model.featureSet().extract(part, rate));
        }
        double featuresMillis = millisSince(featuresStart);

        long classifyStart = System.nanoTime();
        List<double[]> probabilities = aligned(vectors).stream().map(model::probabilities).toList();
        double[] overall = weightedMean(probabilities, segments);
        double classifyMillis = millisSince(classifyStart);
        statistics.observe(vectors); // after the timing: with a store, learning is a write, not classification

        List<SegmentPrediction> segmentPredictions = null;
        if (duration > settings.segmenter().splitAboveSeconds()) {
            segmentPredictions = new ArrayList<>(segments.size());
            for (int i = 0; i < segments.size(); i++) {
                double[] p = probabilities.get(i);
                int best = ArgMax.of(p);
                segmentPredictions.add(new SegmentPrediction(segments.get(i).start() / (double) rate,
                        segments.get(i).end() / (double) rate, labels().get(best), p[best], asMap(p)));
            }
        }
        int best = ArgMax.of(overall);
        return new Prediction(labels().get(best), overall[best], model.calibration().isUncertain(overall[best]),
                asMap(overall), duration, model.version(),
                segmentPredictions, new Prediction.Timings(decodeMillis, featuresMillis, classifyMillis));
    }

    /** The vectors on the training scale, when the deployment has learnt its own moments; else as they are. */
    private List<double[]> aligned(List<double[]> vectors) {
        return model.trainingMoments().flatMap(trained -> statistics.moments()
                .map(deployment -> vectors.stream().map(v -> deployment.align(v, trained)).toList()))
                .orElse(vectors);
    }

    private static CapacityExceededException outOfMemory(OutOfMemoryError e) {
        return new CapacityExceededException("not enough memory to analyse this clip now",
                CapacityExceededException.DEFAULT_RETRY_AFTER_SECONDS, e);
    }

    /** RMS level of the loudest frame
, in dB relative to full scale (floored at -120). */
    static double loudestFrameDbfs(float[] samples, int rate) {
        int frame = Math.max(1, (int) Math.round(LOUDNESS_FRAME_SECONDS * rate));
        return Arrays.stream(FrameEnergy.rmsDb(samples, frame, frame)).max().orElse(Double.NEGATIVE_INFINITY);
    }

    private static double[] weightedMean(List<double[]> probabilities, List<Segment> segments) {
        if (probabilities.size() == 1) {
            return probabilities.get(0);
        }
        double[] mean = new double[probabilities.get(0).length];
        double total = 0;
        for (int i = 0; i < segments.size(); i++) {
            double weight = segments.get(i).length();
            total += weight;
            for (int k = 0; k < mean.length; k++) {
                mean[k] += weight * probabilities.get(i)[k];
            }
        }
        for (int k = 0; k < mean.length; k++) {
            mean[k] /= total;
        }
        return mean;
    }

    private Map<String, Double> asMap(double[] p) {
        Map<String, Double> map = new LinkedHashMap<>();
        for (int k = 0; k < p.length; k++) {
            map.put(labels().get(k), p[k]);
        }
        return map;
    }

    private static double millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }
}
