package io.github.ser.cli;

import io.github.ser.EmotionRecognizer;
import io.github.ser.audio.AudioClip;
import io.github.ser.audio.AudioException;
import io.github.ser.audio.AudioLimits;
import io.github.ser.audio.WavWriter;
import io.github.ser.dsp.FrameStatistics;
import io.github.ser.features.FeatureSet;
import io.github.ser.features.FeatureSets;
import io.github.ser.training.CorpusScanner;
import io.github.ser.training.LabeledClip;
import io.github.ser.model.SpeechDecoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code ser bench}: warm, single-threaded speed of the serving path over the RAVDESS set: decode + features per
 * clip (median, p95), predictions per second, and one synthetic 10-minute clip to show cost stays linear in length.
 */
@Command(name = "bench", description = "Benchmark decode + features and predictions per second (single thread, warm).")
final class BenchCommand implements Callable<Integer> {


    @Option(names = "--data", paramLabel = "DIR",
            description = "Clips to time. Default: ../shared/datasets/ravdess-speech-16k beside the repository.")
    Path data;

    @Option(names = "--model", paramLabel = "FILE", description = "Model artifact for predictions/second.")
    Path model;

    @Option(names = "--set", paramLabel = "SET",
            description = "Feature set to time for decode + features (default: the model's).")
    String set;

    @Option(names = "--limit", paramLabel = "N", description = "Use only the first N clips.")
    Integer limit;

    @Option(names = "--long-minutes", defaultValue = "10", paramLabel = "MIN",
            description = "Length of the synthetic long clip. Default: ${DEFAULT-VALUE}.")
    double longMinutes;

    @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT",
            description = "table or json. Default: ${DEFAULT-VALUE}.")
    OutputFormat format;

    @Override
    public Integer call() throws IOException, AudioException {
        Path dir = data != null ? data : SerPaths.defaultRavdess();
        List<LabeledClip> clips = CorpusScanner.scan(dir);
        if (limit != null) {
            clips = clips.subList(0, Math.min(limit, clips.size()));
        }
        if (clips.isEmpty()) {
            throw new IOException("no clips under " + dir);
        }
        List<byte[]> files = new ArrayList<>();
        for (LabeledClip clip : clips) {
            files.add(Files.readAllBytes(clip.file()));
        }
        EmotionRecognizer recognizer = Recognizers.load(model);
        FeatureSet featureSet = set == null ? recognizer.featureSet()
                : FeatureSets.byName(set);
        // the long clip must not trip the default 10-minute limit it is meant to exercise
        SpeechDecoder decoder = new SpeechDecoder(new AudioLimits(AudioLimits.DEFAULT_MAX_BYTES, 3600), featureSet.sampleRate());

        System.err.println("warm-up pass over " + files.size() + " clips");
        timeClips(files, decoder, featureSet);
        PerClip timed = timeClips(files, decoder, featureSet);

        for (byte[] file : files) { // warm the whole recognize path too
            recognizer.recognize(file);
        }
        Stopwatch predictions = Stopwatch.start();
        for (byte[] file : files) {
            recognizer.recognize(file);
        }
        double predictionsPerSecond = files.size() / (predictions.wallMillis() / 1e3);
        double predictionsPerCpuSecond = files.size() / (predictions.cpuMillis() / 1e3);

        Map<String, Object> longClip = timeLongClip(files, decoder, featureSet, recognizer, timed);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("machine", Machine.describe());
        report.put("model", recognizer.modelVersion());
        report.put("featureSet", featureSet.name() + " v" + featureSet.version());
        report.put("clips", files.size());
        report.put("meanClipSeconds", timed.meanSeconds);
        report.put("decodeMillis", summary(timed.decode));
        report.put("featuresMillis", summary(timed.features));
        report.put("decodePlusFeaturesMillis", summary(timed.total));
        report.put("decodePlusFeaturesCpuMillis", summary(timed.totalCpu));
        report.put("predictionsPerSecond", predictionsPerSecond);
        report.put("predictionsPerCpuSecond", predictionsPerCpuSecond);
        report.put("longClip", longClip);
        if (format == OutputFormat.json) {
            System.out.println(Json.line(report));
        } else {
            printTable(report, timed);
        }
        return 0;
    }

    /** Milliseconds per clip: wall time by stage, and the thread's CPU time for the whole. */
    private record PerClip(double[] decode, double[] features, double[] total, double[] totalCpu,
                           double meanSeconds) {
    }

    private static PerClip timeClips(List<byte[]> files, SpeechDecoder decoder, FeatureSet featureSet)
            throws AudioException {
        int n = files.size();
        double[] decode = new double[n];
        double[] features = new double[n];
        double[] total = new double[n];
        double[] totalCpu = new double[n];
        double seconds = 0;
        for (int i = 0; i < n; i++) {
            Stopwatch clipTime = Stopwatch.start();
            AudioClip clip = decoder.decode(files.get(i));
            decode[i] = clipTime.wallMillis();
            featureSet.extract(clip.samples(), clip.sampleRate());
            total[i] = clipTime.wallMillis();
            totalCpu[i] = clipTime.cpuMillis();
            features[i] = total[i] - decode[i];
            seconds += clip.durationSeconds();
        }
        return new PerClip(decode, features, total, totalCpu, seconds / n);
    }

    /** Concatenates decoded clips into one long WAV and times it like a short one. */
    private Map<String, Object> timeLongClip(List<byte[]> files, SpeechDecoder decoder, FeatureSet featureSet,
                                             EmotionRecognizer recognizer, PerClip shortClips)
            throws AudioException {
        int rate = decoder.sampleRate();
        float[] samples = new float[(int) Math.round(longMinutes * 60 * rate)];
        int filled = 0;
        for (int i = 0; filled < samples.length; i = (i + 1) % files.size()) {
            float[] clip = decoder.decode(files.get(i)).samples();
            int n = Math.min(clip.length, samples.length - filled);
            System.arraycopy(clip, 0, samples, filled, n);
            filled += n;
        }
        byte[] wav = WavWriter.pcm16(samples, rate);
        Stopwatch time = Stopwatch.start();
        AudioClip clip = decoder.decode(wav);
        double decodeMillis = time.wallMillis();
        featureSet.extract(clip.samples(), rate);
        double totalMillis = time.wallMillis();
        double totalCpuMillis = time.cpuMillis();
        double seconds = clip.durationSeconds();
        double shortPerSecond = median(shortClips.totalCpu) / shortClips.meanSeconds;
        double longPerSecond = totalCpuMillis / seconds;

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("seconds", seconds);
        out.put("decodeMillis", decodeMillis);
        out.put("featuresMillis", totalMillis - decodeMillis);
        out.put("cpuMillis", totalCpuMillis);
        out.put("cpuMillisPerAudioSecond", longPerSecond);
        out.put("shortClipCpuMillisPerAudioSecond", shortPerSecond);
        out.put("longOverShortPerSecondRatio", longPerSecond / shortPerSecond);
        if (seconds <= AudioLimits.DEFAULT_MAX_DURATION_SECONDS) {
            Stopwatch recognizeTime = Stopwatch.start();
            var prediction = recognizer.recognize(wav);
            out.put("recognizeMillis", recognizeTime.wallMillis());
            out.put("segments", prediction.segments() == null ? 1 : prediction.segments().size());
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void printTable(Map<String, Object> r, PerClip timed) {
        Map<String, Object> machine = (Map<String, Object>) r.get("machine");
        System.out.printf("Machine: %s cores, %s, Java %s%n", machine.get("cores"), machine.get("cpu"),
                machine.get("java"));
        System.out.printf("Model %s; timing feature set %s%n", r.get("model"), r.get("featureSet"));
        System.out.printf("%d clips, mean %.2f s, single thread, after a warm-up pass%n", (Integer) r.get("clips"),
                timed.meanSeconds);
        System.out.println("per clip (ms)            median      p95");
        row("decode + resample", timed.decode);
        row("features", timed.features);
        row("decode + features", timed.total);
        row("  same, CPU time", timed.totalCpu);
        System.out.printf("predictions per second (recognize: decode, checks, features, MLP): %.1f "
                + "(%.1f per CPU second)%n", (Double) r.get("predictionsPerSecond"),
                (Double) r.get("predictionsPerCpuSecond"));
        Map<String, Object> l = (Map<String, Object>) r.get("longClip");
        System.out.printf("%.0f s clip: decode %.0f ms + features %.0f ms (wall); CPU %.2f ms per audio second, "
                        + "short clips %.2f, ratio %.2f%n", (Double) l.get("seconds"), (Double) l.get("decodeMillis"),
                (Double) l.get("featuresMillis"), (Double) l.get("cpuMillisPerAudioSecond"),
                (Double) l.get("shortClipCpuMillisPerAudioSecond"), (Double) l.get("longOverShortPerSecondRatio"));
        if (l.containsKey("recognizeMillis")) {
            System.out.printf("  recognize (split into %d segments): %.0f ms%n", (Integer) l.get("segments"),
                    (Double) l.get("recognizeMillis"));
        }
    }

    private static void row(String name, double[] millis) {
        System.out.printf("  %-20s %8.2f %8.2f%n", name, median(millis), percentile(millis, 95));
    }

    private static Map<String, Double> summary(double[] millis) {
        Map<String, Double> s = new LinkedHashMap<>();
        s.put("median", median(millis));
        s.put("p95", percentile(millis, 95));
        s.put("mean", Arrays.stream(millis).average().orElse(0));
        return s;
    }

    static double median(double[] x) {
        return percentile(x, 50);
    }

    /** Linear interpolation between closest ranks (numpy's default), as the feature statistics use. */
    static double percentile(double[] x, double p) {
        double[] sorted = x.clone();
        Arrays.sort(sorted);
        return FrameStatistics.sortedPercentile(sorted, p);
    }
}
