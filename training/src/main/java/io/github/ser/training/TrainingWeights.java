package io.github.ser.training;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Instance weights so that no corpus drowns another and no class another: within each corpus every class it has
 * weighs the same, every corpus weighs the same, and then each class is rescaled to the same total over all
 * corpora (a class only some corpora have is not under-weighted). Augmented copies share their recording's share.
 * Weights average 1, so the MLP's learning rate means what it says.
 */
public final class TrainingWeights {

    private TrainingWeights() {
    }

    public static double[] balanced(List<LabeledClip> clips) {
        return balanced(clips, Map.of());
    }

    /**
     * As {@link #balanced(List)}, then every clip of a corpus in {@code factors} weighs that many times more (a
     * user's clips in {@code ser tune}) before classes are rescaled: every class still weighs the same, and within it
     * that corpus's clips count more than the others'; weights still average 1.
     */
    public static double[] balanced(List<LabeledClip> clips, Map<String, Double> factors) {
        Map<String, Integer> cell = new HashMap<>();
        Map<String, Integer> classesPerCorpus = new HashMap<>();
        for (LabeledClip c : clips) {
            if (cell.merge(c.corpus() + "\u0000" + c.emotion(), 1, Integer::sum) == 1) {
                classesPerCorpus.merge(c.corpus(), 1, Integer::sum);
            }
        }
        int corpora = classesPerCorpus.size();
        double[] w = new double[clips.size()];
        Map<String, Double> classTotal = new HashMap<>();
        for (int i = 0; i < w.length; i++) {
            LabeledClip c = clips.get(i);
            w[i] = factors.getOrDefault(c.corpus(), 1.0)
                    / (cell.get(c.corpus() + "\u0000" + c.emotion()) * classesPerCorpus.get(c.corpus()) * corpora);
            classTotal.merge(c.emotion(), w[i], Double::sum);
        }
        double sum = 0;
        for (int i = 0; i < w.length; i++) {
            w[i] /= classTotal.get(clips.get(i).emotion());
            sum += w[i];
        }
        for (int i = 0; i < w.length; i++) {
            w[i] *= w.length / sum;
        }
        return w;
    }
}
