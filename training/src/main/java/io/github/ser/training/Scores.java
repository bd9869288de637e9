package io.github.ser.training;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How well predictions match the truth.
 *
 * @param labels         class order of the confusion matrix
 * @param count          number of predictions
 * @param accuracy       fraction correct
 * @param ua             unweighted average recall (balanced accuracy): mean of per-class recalls over the classes
 *                       that occur in the truth
 * @param perClassRecall recall of every label that occurs in the truth
 * @param confusion      {@code confusion[true][predicted]} counts
 */
public record Scores(List<String> labels, int count, double accuracy, double ua, Map<String, Double> perClassRecall,
                     int[][] confusion) {

    /** @param truth and {@code predicted} hold indices into {@code labels} */
    public static Scores of(List<String> labels, int[] truth, int[] predicted) {
        if (truth.length != predicted.length) {
            throw new IllegalArgumentException("truth and predictions differ in length");
        }
        int k = labels.size();
        int[][] confusion = new int[k][k];
        int correct = 0;
        for (int i = 0; i < truth.length; i++) {
            confusion[truth[i]][predicted[i]]++;
            if (truth[i] == predicted[i]) {
                correct++;
            }
        }
        Map<String, Double> recall = new LinkedHashMap<>();
        double recallSum = 0;
        for (int c = 0; c < k; c++) {
            int support = 0;
            for (int p = 0; p < k; p++) {
                support += confusion[c][p];
            }
            if (support > 0) {
                double r = confusion[c][c] / (double) support;
                recall.put(labels.get(c), r);
                recallSum += r;
            }
        }
        double accuracy = truth.length == 0 ? 0 : correct / (double) truth.length;
        double ua = recall.isEmpty() ? 0 : recallSum / recall.size();
        return new Scores(List.copyOf(labels), truth.length, accuracy, ua, recall, confusion);
    }
}
