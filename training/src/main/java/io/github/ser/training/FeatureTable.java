package io.github.ser.training;

import io.github.ser.model.SpeechDecoder;
import io.github.ser.model.Emotions;
import io.github.ser.audio.AudioException;
import io.github.ser.features.FeatureSet;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntPredicate;
import java.util.function.Predicate;

/**
 * Feature vectors for a set of labelled clips, computed once per run (in parallel) and reused by every fold,
 * seed and classifier. Clips that cannot be decoded are left out and listed in {@link #failures()}.
 *
 * @param featureSet the recipe that produced the rows
 * @param clips      clips that were extracted, in input order
 * @param rows       one vector per clip
 * @param failures   clips left out, with the reason
 */
public record FeatureTable(FeatureSet featureSet, List<LabeledClip> clips, List<double[]> rows,
                           List<Failure> failures) {

    /** A clip that could not be used. */
    public record Failure(LabeledClip clip, String code, String message) {
    }

    public static FeatureTable extract(List<LabeledClip> clips, FeatureSet featureSet, SpeechDecoder decoder,
                                       int threads, Consumer<String> progress) throws InterruptedException {
        return extract(clips, featureSet, decoder, FeatureCache.none(), threads, progress);
    }

    /** As above, taking rows from {@code cache} where it has them and adding the ones it computes. */
    public static FeatureTable extract(List<LabeledClip> clips, FeatureSet featureSet, SpeechDecoder decoder,
                                       FeatureCache cache, int threads, Consumer<String> progress)
            throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        AtomicInteger done = new AtomicInteger();
        try {
            List<Future<double[]>> futures = new ArrayList<>(clips.size());
            for (LabeledClip clip : clips) {
                futures.add(pool.submit(() -> {
                    double[] row = cache.get(clip).orElse(null);
                    if (row == null) {
                        row = featuresOf(clip, featureSet, decoder);
                        cache.put(clip, row);
                    }
                    int n = done.incrementAndGet();
                    if (n % 500 == 0 || n == clips.size()) {
                        progress.accept("features: " + n + "/" + clips.size() + " clips");
                    }
                    return row;
                }));
            }
            List<LabeledClip> kept = new ArrayList<>();
            List<double[]> rows = new ArrayList<>();
            List<Failure> failures = new ArrayList<>();
            for (int i = 0; i < clips.size(); i++) {
                try {
                    rows.add(futures.get(i).get());
                    kept.add(clips.get(i));
                } catch (ExecutionException e) {
                    failures.add(failure(clips.get(i), e.getCause()));
                }
            }
            return new FeatureTable(featureSet, List.copyOf(kept), List.copyOf(rows), List.copyOf(failures));
        } finally {
            pool.shutdownNow();
        }
    }

    /** The rows whose clip matches, in order. */
    public FeatureTable filter(Predicate<LabeledClip> keep) {
        return select(i -> keep.test(clips.get(i)));
    }

    /** The rows whose index matches, in order. */
    public FeatureTable select(IntPredicate keep) {
        List<LabeledClip> keptClips = new ArrayList<>();
        List<double[]> keptRows = new ArrayList<>();
        for (int i = 0; i < clips.size(); i++) {
            if (keep.test(i)) {
                keptClips.add(clips.get(i));
                keptRows.add(rows.get(i));
            }
        }
        return new FeatureTable(featureSet, keptClips, keptRows, failures);
    }

    public int size() {
        return clips.size();
    }

    public List<String> labels() {
        return Emotions.ordered(clips.stream().map(LabeledClip::emotion).distinct().toList());
    }

    private static double[] featuresOf(LabeledClip clip, FeatureSet featureSet, SpeechDecoder decoder)
            throws IOException, AudioException {
        float[] samples = decoder.decode(Files.readAllBytes(clip.file())).samples();
        samples = clip.augmentation().apply(samples, decoder.sampleRate(), clip.file());
        return featureSet.extract(samples, decoder.sampleRate());
    }

    private static Failure failure(LabeledClip clip, Throwable cause) {
        if (cause instanceof AudioException audio) {
            return new Failure(clip, audio.code().code(), audio.getMessage());
        }
        if (cause instanceof IOException io) {
            return new Failure(clip, "unreadable_file", io.getMessage());
        }
        return new Failure(clip, "internal_error", String.valueOf(cause));
    }
}
