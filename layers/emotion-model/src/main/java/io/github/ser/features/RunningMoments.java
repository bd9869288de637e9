package io.github.ser.features;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Feature moments kept as clips arrive: a count, the means and the sums of squared deviations, merged exactly by Chan
 * et al.'s parallel update, so moments gathered apart (one per function instance) add up to those of all the clips.
 * Immutable.
 *
 * @param count how many vectors
 * @param mean  per feature
 * @param m2    per feature, the sum of squared deviations from the mean
 */
public record RunningMoments(long count, double[] mean, double[] m2) {

    public RunningMoments {
        if (count < 0 || mean.length != m2.length) {
            throw new IllegalArgumentException("count " + count + ", " + mean.length + " means, " + m2.length + " m2");
        }
        mean = mean.clone();
        m2 = m2.clone();
    }

    public static RunningMoments empty(int width) {
        return new RunningMoments(0, new double[width], new double[width]);
    }

    /** These moments and one more vector. */
    public RunningMoments plus(double[] x) {
        return merge(new RunningMoments(1, x, new double[x.length]));
    }

    /** The moments of both sets of vectors together. */
    public RunningMoments merge(RunningMoments other) {
        if (other.mean.length != mean.length) {
            throw new IllegalArgumentException("widths differ: " + mean.length + " and " + other.mean.length);
        }
        if (other.count == 0) {
            return this;
        }
        if (count == 0) {
            return other;
        }
        long n = count + other.count;
        double[] m = new double[mean.length];
        double[] s = new double[mean.length];
        for (int j = 0; j < m.length; j++) {
            double delta = other.mean[j] - mean[j];
            m[j] = mean[j] + delta * other.count / n;
            s[j] = m2[j] + other.m2[j] + delta * delta * ((double) count * other.count / n);
        }
        return new RunningMoments(n, m, s);
    }

    /** Mean and population standard deviation (at least one vector needed). */
    public FeatureMoments moments() {
        if (count == 0) {
            throw new IllegalStateException("no vectors yet");
        }
        return new FeatureMoments(mean, Arrays.stream(m2).map(v -> Math.sqrt(v / count)).toArray(), count);
    }

    /** As plain JSON-ready values ({@link #fromMap} reads them back). */
    public Map<String, Object> toMap() {
        return Map.of("count", count, "mean", toList(mean), "m2", toList(m2));
    }

    /**
     * @throws IllegalArgumentException when the map is not what {@link #toMap} writes
     */
    public static RunningMoments fromMap(Map<?, ?> map) {
        if (!(map.get("count") instanceof Number count) || !(map.get("mean") instanceof List<?> mean)
                || !(map.get("m2") instanceof List<?> m2)) {
            throw new IllegalArgumentException("not running moments: needs count, mean and m2");
        }
        return new RunningMoments(count.longValue(), toArray(mean), toArray(m2));
    }

    private static List<Double> toList(double[] values) {
        return Arrays.stream(values).boxed().toList();
    }

    private static double[] toArray(List<?> values) {
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(values.get(i) instanceof Number n)) {
                throw new IllegalArgumentException("not a number: " + values.get(i));
            }
            out[i] = n.doubleValue();
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RunningMoments r && count == r.count && Arrays.equals(mean, r.mean)
                && Arrays.equals(m2, r.m2);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.hashCode(m2) + Long.hashCode(count);
    }

    @Override
    public String toString() {
        return "RunningMoments[" + mean.length + " features over " + count + " vectors]";
    }
}
