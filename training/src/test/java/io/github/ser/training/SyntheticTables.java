package io.github.ser.training;

import io.github.ser.model.Emotions;
import io.github.ser.features.FeatureSet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Feature tables without audio, for testing training and evaluation logic fast: every label has its own mean
 * vector, clips are that mean plus noise, so a working classifier separates them easily.
 */
public final class SyntheticTables {

    private SyntheticTables() {
    }

    /** RAVDESS-like clips: {@code perLabel} clips of every label for each actor. */
    public static FeatureTable ravdess(FeatureSet featureSet, List<String> labels, List<Integer> actors, int perLabel,
                                long seed) {
        List<LabeledClip> clips = new ArrayList<>();
        for (int actor : actors) {
            for (String label : labels) {
                for (int i = 0; i < perLabel; i++) {
                    clips.add(new LabeledClip(Path.of(String.format("Actor_%02d/%s-%d.wav", actor, label, i)), label,
                            String.format("ravdess-%02d", actor), LabeledClip.RAVDESS));
                }
            }
        }
        return table(featureSet, clips, seed);
    }

    public static FeatureTable tess(FeatureSet featureSet, List<String> labels, int perLabel, long seed) {
        List<LabeledClip> clips = new ArrayList<>();
        for (String label : labels) {
            for (int i = 0; i < perLabel; i++) {
                clips.add(new LabeledClip(Path.of("OAF_" + label + "/OAF_w" + i + "_" + label + ".wav"), label, "OAF",
                        LabeledClip.TESS));
            }
        }
        return table(featureSet, clips, seed);
    }

    public static FeatureTable concat(FeatureTable a, FeatureTable b) {
        List<LabeledClip> clips = new ArrayList<>(a.clips());
        clips.addAll(b.clips());
        List<double[]> rows = new ArrayList<>(a.rows());
        rows.addAll(b.rows());
        return new FeatureTable(a.featureSet(), clips, rows, List.of());
    }

    /** Rows for any clips: each label's mean plus noise. */
    public static FeatureTable table(FeatureSet featureSet, List<LabeledClip> clips, long seed) {
        int n = featureSet.names().size();
        Random means = new Random(42);
        double[][] centre = new double[Emotions.ALL.size()][n];
        for (double[] c : centre) {
            for (int j = 0; j < n; j++) {
                c[j] = means.nextGaussian() * 3 + 100; // offset: the Standardize filter must handle it
            }
        }
        Random noise = new Random(seed);
        List<double[]> rows = new ArrayList<>();
        for (LabeledClip clip : clips) {
            double[] c = centre[Emotions.ALL.indexOf(clip.emotion())];
            double[] row = new double[n];
            for (int j = 0; j < n; j++) {
                row[j] = c[j] + noise.nextGaussian();
            }
            rows.add(row);
        }
        return new FeatureTable(featureSet, clips, rows, List.of());
    }
}
