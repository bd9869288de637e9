package io.github.ser.features;

import java.util.Arrays;
import java.util.List;

/**
 * The mean and (population) standard deviation of every feature over a collection of clips: a corpus, a speaker, the
 * clips a deployment has analysed. {@link #align} moves a vector from one collection's scale onto another's, which is
 * how a collection's microphone, room and language can be taken out of what the classifier sees.
 *
 * @param mean  per feature
 * @param std   per feature
 * @param count how many clips the moments are over
 */
public record FeatureMoments(double[] mean, double[] std, long count) {

    /** A collection whose feature varies less than this keeps its spread (only its mean moves). */
    private static final double FLAT = 1e-9;

    public FeatureMoments {
        if (mean.length != std.length) {
            throw new IllegalArgumentException(mean.length + " means but " + std.length + " deviations");
        }
        mean = mean.clone();
        std = std.clone();
    }

    /** The moments of {@code rows} (all of one width, at least one). */
    public static FeatureMoments of(List<double[]> rows) {
        double[] ones = new double[rows.size()];
        Arrays.fill(ones, 1);
        return of(rows, ones);
    }

    /**
     * The weighted moments of {@code rows}: {@code weights[i]} is how much row i counts (as Weka's {@code Standardize}
     * weighs training instances, so a model's inputs can be aligned onto exactly the scale it was trained on).
     */
    public static FeatureMoments of(List<double[]> rows, double[] weights) {
        if (rows.isEmpty() || weights.length != rows.size()) {
            throw new IllegalArgumentException(rows.size() + " rows and " + weights.length + " weights");
        }
        int width = rows.get(0).length;
        double total = 0;
        double[] mean = new double[width];
        for (int i = 0; i < rows.size(); i++) {
            total += weights[i];
            for (int j = 0; j < width; j++) {
                mean[j] += weights[i] * rows.get(i)[j];
            }
        }
        for (int j = 0; j < width; j++) {
            mean[j] /= total;
        }
        // two passes: features such as energies sit far from zero, where sum-of-squares loses the spread
        double[] std = new double[width];
        for (int i = 0; i < rows.size(); i++) {
            for (int j = 0; j < width; j++) {
                double d = rows.get(i)[j] - mean[j];
                std[j] += weights[i] * d * d;
            }
        }
        for (int j = 0; j < width; j++) {
            std[j] = Math.sqrt(std[j] / total);
        }
        return new FeatureMoments(mean, std, rows.size());
    }

    public int width() {
        return mean.length;
    }

    /**
     * {@code x}, a vector of this collection, z-scored with this collection's moments and put back on {@code target}'s
     * scale: what the same clip would look like had it come from the target collection.
     */
    public double[] align(double[] x, FeatureMoments target) {
        if (x.length != width() || target.width() != width()) {
            throw new IllegalArgumentException("widths differ: " + x.length + ", " + width() + ", " + target.width());
        }
        double[] y = new double[x.length];
        for (int j = 0; j < x.length; j++) {
            double z = std[j] < FLAT ? x[j] - mean[j] : (x[j] - mean[j]) / std[j] * target.std[j];
            y[j] = target.mean[j] + z;
        }
        return y;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureMoments m && count == m.count && Arrays.equals(mean, m.mean)
                && Arrays.equals(std, m.std);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std) + Long.hashCode(count);
    }

    @Override
    public String toString() {
        return "FeatureMoments[" + width() + " features over " + count + " clips]";
    }
}
