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
            w[i] = 1.0 / (cell.get(c.corpus() + "\u0000" + c.emotion()) * classesPerCorpus.get(c.corpus()) * corpora);
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
