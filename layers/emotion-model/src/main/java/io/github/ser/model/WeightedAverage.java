package io.github.ser.model;

import weka.classifiers.AbstractClassifier;
import weka.classifiers.Classifier;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.OptionHandler;
import weka.core.Utils;
import weka.core.WeightedInstancesHandler;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The weighted average of its members' class distributions, each member trained once. Weka's {@code Vote} averages
 * with equal weights only: a member meant to count twice had to sit in it twice, and was trained twice (the shipped
 * recipe's regression, about a fifth of its training time). Instance weights reach every member, which must handle
 * them (Weka's networks and regression do). Serialised inside model artifacts, so {@link ModelArtifact}
 * lets this class through its deserialisation filter by name.
 */
public final class WeightedAverage extends AbstractClassifier implements WeightedInstancesHandler {
    private static final long serialVersionUID = 1L;

    private final Classifier[] members;
    private final double[] weights;

    /** {@code weights[i]} is how much {@code members[i]} counts; all positive. */
    public WeightedAverage(Classifier[] members, double[] weights) {
        if (members.length == 0 || members.length != weights.length) {
            throw new IllegalArgumentException("one weight per member, and at least one member");
        }
        for (double w : weights) {
            if (!(w > 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("weights must be positive, got " + Arrays.toString(weights));
            }
        }
        this.members = members.clone();
        this.weights = weights.clone();
    }

    @Override
    public void buildClassifier(Instances data) throws Exception {
        for (Classifier member : members) {
            member.buildClassifier(data);
        }
    }

    @Override
    public double[] distributionForInstance(Instance instance) throws Exception {
        double[] sum = new double[instance.numClasses()];
        double total = 0;
        for (int i = 0; i < members.length; i++) {
            double[] p = members[i].distributionForInstance(instance);
            for (int c = 0; c < sum.length; c++) {
                sum[c] += weights[i] * p[c];
            }
            total += weights[i];
        }
        for (int c = 0; c < sum.length; c++) {
            sum[c] /= total;
        }
        return sum;
    }

    /** Each member as {@code -B "class options"} followed by its {@code -weight}, for manifests and reports. */
    @Override
    public String[] getOptions() {
        List<String> options = new ArrayList<>();
        for (int i = 0; i < members.length; i++) {
            Classifier member = members[i];
            String spec = member.getClass().getName();
            if (member instanceof OptionHandler handler) {
                spec += " " + Utils.joinOptions(handler.getOptions());
            }
            options.add("-B");
            options.add(spec.strip());
            options.add("-weight");
            options.add(Double.toString(weights[i]));
        }
        return options.toArray(String[]::new);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("Weighted average of " + members.length + " members\n");
        for (int i = 0; i < members.length; i++) {
            out.append("\nweight ").append(weights[i]).append(":\n").append(members[i]).append('\n');
        }
        return out.toString();
    }
}
