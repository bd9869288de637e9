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
     * As {@link #balanced(List)} over the corpora not in {@code factors}; a clip of a corpus in {@code factors} (a
     * user's clips in {@code ser tune}) weighs that factor times the average clip of the same class in the other
     * corpora. Per clip, not per corpus: a corpus's share would make each of a user's 20 clips weigh as much as
     * hundreds of a corpus's, and steps that large throw the network off (corpus-tune at k = 5 fell below chance that
     * way). Then every class is rescaled to the same total, and weights average 1.
     */
    public static double[] balanced(List<LabeledClip> clips, Map<String, Double> factors) {
        Map<String, Integer> cell = new HashMap<>();
        Map<String, Integer> classesPerCorpus = new HashMap<>();
        for (LabeledClip c : clips) {
            if (!factors.containsKey(c.corpus()) && cell.merge(c.corpus() + "\u0000" + c.emotion(), 1, Integer::sum) == 1) {
                classesPerCorpus.merge(c.corpus(), 1, Integer::sum);
            }
        }
        int corpora = classesPerCorpus.size();
        double[] w = new double[clips.size()];
        Map<String, Double> classSum = new HashMap<>();
        Map<String, Integer> classCount = new HashMap<>();
        double sumAll = 0;
        int countAll = 0;
        for (int i = 0; i < w.length; i++) {
            LabeledClip c = clips.get(i);
            if (!factors.containsKey(c.corpus())) {
                w[i] = 1.0 / (cell.get(c.corpus() + "\u0000" + c.emotion()) * classesPerCorpus.get(c.corpus()) * corpora);
                classSum.merge(c.emotion(), w[i], Double::sum);
                classCount.merge(c.emotion(), 1, Integer::sum);
                sumAll += w[i];
                countAll++;
            }
        }
        double average = countAll == 0 ? 1 : sumAll / countAll;
        Map<String, Double> classTotal = new HashMap<>();
        for (int i = 0; i < w.length; i++) {
            LabeledClip c = clips.get(i);
            Double factor = factors.get(c.corpus());
            if (factor != null) {
                Integer n = classCount.get(c.emotion());
                w[i] = factor * (n == null ? average : classSum.get(c.emotion()) / n);
            }
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
