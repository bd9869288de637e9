package io.github.ser.model;

import org.junit.jupiter.api.Test;
import weka.classifiers.AbstractClassifier;
import weka.classifiers.Classifier;
import weka.core.DenseInstance;
import weka.core.Instance;
import weka.core.Instances;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WeightedAverageTest {

    /** Always the same distribution; counts how often it was trained. */
    private static final class Fixed extends AbstractClassifier {
        final double[] distribution;
        int builds;

        Fixed(double... distribution) {
            this.distribution = distribution;
        }

        @Override
        public void buildClassifier(Instances data) {
            builds++;
        }

        @Override
        public double[] distributionForInstance(Instance instance) {
            return distribution.clone();
        }
    }

    private static Instances data() {
        Instances data = ModelArtifact.header(List.of("x"), List.of("angry", "sad", "happy"), 2);
        data.add(new DenseInstance(1, new double[] {0.5, 0}));
        data.add(new DenseInstance(1, new double[] {1.5, 1}));
        return data;
    }

    @Test
    void eachMemberCountsByItsWeightAndIsTrainedOnce() throws Exception {
        Fixed networks = new Fixed(0.6, 0.3, 0.1);
        Fixed regression = new Fixed(0.0, 0.3, 0.7);
        WeightedAverage average = new WeightedAverage(new Classifier[] {networks, regression}, new double[] {1, 2});

        Instances data = data();
        average.buildClassifier(data);

        assertEquals(1, networks.builds);
        assertEquals(1, regression.builds, "a member that counts twice is still trained once");
        assertArrayEquals(new double[] {0.2, 0.3, 0.5}, average.distributionForInstance(data.instance(0)), 1e-12);
    }

    @Test
    void itsOptionsNameEveryMemberWithItsWeight() {
        String options = String.join(" ", new WeightedAverage(new Classifier[] {new Fixed(1), new Fixed(1)},
                new double[] {1, 2}).getOptions());
        assertTrue(options.contains("-B " + Fixed.class.getName()) && options.contains("-weight 2.0"), options);
    }

    @Test
    void everyMemberNeedsAPositiveWeight() {
        Classifier[] two = {new Fixed(1), new Fixed(1)};
        assertThrows(IllegalArgumentException.class, () -> new WeightedAverage(two, new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> new WeightedAverage(two, new double[] {1, 0}));
        assertThrows(IllegalArgumentException.class, () -> new WeightedAverage(two, new double[] {1, Double.NaN}));
        assertThrows(IllegalArgumentException.class, () -> new WeightedAverage(new Classifier[0], new double[0]));
    }
}
