package io.github.ser.training;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Training-time removal of what a group of clips has in common: every feature is z-scored within its group (corpus
 * or speaker) and mapped back onto the pooled scale, so the classifier cannot learn a corpus's microphone or a
 * speaker's voice as a cue for the emotions that group happens to have. Only training rows are changed; a clip to
 * recognise is unknown in group and keeps its own values, and the model's {@code Standardize} filter still holds the
 * pooled statistics.
 */
public enum GroupNormalisation {
    NONE(null),
    CORPUS(LabeledClip::corpus),
    SPEAKER(c -> c.corpus() + "/" + c.speaker());

    /** A group whose feature varies less than this keeps its spread (only its mean is removed). */
    private static final double FLAT = 1e-9;

    private final Function<LabeledClip, String> group;

    GroupNormalisation(Function<LabeledClip, String> group) {
        this.group = group;
    }

    /** {@code rows[i]} belongs to {@code clips.get(i)}; returns new rows (the input is left alone). */
    public List<double[]> apply(List<double[]> rows, List<LabeledClip> clips) {
        if (group == null || rows.isEmpty()) {
            return rows;
        }
        Moments pooled = new Moments(rows.get(0).length);
        Map<String, Moments> groups = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            pooled.add(rows.get(i));
            groups.computeIfAbsent(group.apply(clips.get(i)), g -> new Moments(rows.get(0).length)).add(rows.get(i));
        }
        List<double[]> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Moments g = groups.get(group.apply(clips.get(i)));
            double[] x = rows.get(i);
            double[] y = new double[x.length];
            for (int j = 0; j < x.length; j++) {
                double sd = g.std(j);
                double z = sd < FLAT ? x[j] - g.mean(j) : (x[j] - g.mean(j)) / sd * pooled.std(j);
                y[j] = pooled.mean(j) + z;
            }
            out.add(y);
        }
        return out;
    }

    /** Running sums for a mean and a population standard deviation per feature. */
    private static final class Moments {
        private final double[] sum;
        private final double[] squares;
        private int n;

        Moments(int width) {
            sum = new double[width];
            squares = new double[width];
        }

        void add(double[] x) {
            for (int j = 0; j < x.length; j++) {
                sum[j] += x[j];
                squares[j] += x[j] * x[j];
            }
            n++;
        }

        double mean(int j) {
            return sum[j] / n;
        }

        double std(int j) {
            double m = mean(j);
            return Math.sqrt(Math.max(0, squares[j] / n - m * m));
        }
    }
}
