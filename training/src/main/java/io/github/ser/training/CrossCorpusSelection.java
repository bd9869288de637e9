package io.github.ser.training;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Keeps the features whose link to an emotion holds in every training corpus. For each emotion and each corpus that
 * has it (and another one), a feature's effect is the difference between the emotion's clips and the corpus's other
 * clips in units of the corpus's own spread (Cohen's d). An effect that points the same way in every such corpus
 * counts with its smallest size, one that flips counts nothing: a cue that only one corpus's actors or microphone
 * carry is what a model learns and then misses on voices it has never heard. A feature scores the sum over emotions;
 * the best-scoring ones are kept. Computed from training clips only, so leave-one-corpus-out selects without the
 * held-out corpus.
 */
public final class CrossCorpusSelection {

    private CrossCorpusSelection() {
    }

    /** Each feature's score on {@code table}, by name (0 for one no emotion agrees on). */
    public static Map<String, Double> scores(FeatureTable table) {
        List<String> names = table.featureSet().names();
        Map<String, List<Integer>> byCorpus = new TreeMap<>();
        for (int i = 0; i < table.size(); i++) {
            byCorpus.computeIfAbsent(table.clips().get(i).corpus(), c -> new ArrayList<>()).add(i);
        }
        double[] score = new double[names.size()];
        for (String emotion : table.labels()) {
            List<double[]> effects = new ArrayList<>(); // one row of per-feature effects per corpus
            for (List<Integer> rows : byCorpus.values()) {
                double[] d = effect(table, rows, emotion);
                if (d != null) {
                    effects.add(d);
                }
            }
            if (effects.size() < 2) {
                continue; // agreement needs two corpora
            }
            for (int j = 0; j < score.length; j++) {
                score[j] += agreement(effects, j);
            }
        }
        Map<String, Double> out = new HashMap<>();
        for (int j = 0; j < score.length; j++) {
            out.put(names.get(j), score[j]);
        }
        return out;
    }

    /** The {@code keep} best-scoring feature names, in the feature set's order (ties go to the earlier feature). */
    public static Set<String> best(FeatureTable table, int keep) {
        Map<String, Double> scores = scores(table);
        List<String> names = table.featureSet().names();
        List<String> ranked = new ArrayList<>(names);
        ranked.sort(Comparator.comparing((String name) -> -scores.get(name))); // stable: ties keep their order
        Set<String> chosen = Set.copyOf(ranked.subList(0, Math.min(keep, ranked.size())));
        return names.stream().filter(chosen::contains).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** Smallest effect when all corpora agree in sign, else 0. */
    private static double agreement(List<double[]> effects, int j) {
        double min = Double.POSITIVE_INFINITY;
        int positive = 0;
        for (double[] d : effects) {
            min = Math.min(min, Math.abs(d[j]));
            positive += d[j] > 0 ? 1 : 0;
        }
        return positive == 0 || positive == effects.size() ? min : 0;
    }

    /** Per feature, (mean of the emotion's rows - mean of the others) / the corpus's spread; null without both. */
    private static double[] effect(FeatureTable table, List<Integer> rows, String emotion) {
        int width = table.featureSet().names().size();
        double[] sumIn = new double[width];
        double[] sumOut = new double[width];
        double[] sum = new double[width];
        double[] squares = new double[width];
        int in = 0;
        for (int i : rows) {
            double[] x = table.rows().get(i);
            boolean member = table.clips().get(i).emotion().equals(emotion);
            in += member ? 1 : 0;
            for (int j = 0; j < width; j++) {
                (member ? sumIn : sumOut)[j] += x[j];
                sum[j] += x[j];
                squares[j] += x[j] * x[j];
            }
        }
        int out = rows.size() - in;
        if (in == 0 || out == 0) {
            return null;
        }
        double[] d = new double[width];
        for (int j = 0; j < width; j++) {
            double mean = sum[j] / rows.size();
            double sd = Math.sqrt(Math.max(0, squares[j] / rows.size() - mean * mean));
            d[j] = sd < 1e-12 ? 0 : (sumIn[j] / in - sumOut[j] / out) / sd;
        }
        return d;
    }
}
