package io.github.ser.training;

import io.github.ser.features.FeatureSet;
import io.github.ser.features.FeatureSets;
import io.github.ser.model.Emotions;
import org.junit.jupiter.api.Test;
import weka.classifiers.Classifier;
import weka.core.Instances;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClassifierSpecTest {

    private static final FeatureSet SEED = FeatureSets.byName("seed");
    private static final MlpSettings TWO_SMALL_NETWORKS = new MlpSettings(4, 5, 0.1, 0.2, false, 1, 2);

    private static ClassifierSpec spec(String kind, double ridge) {
        return new ClassifierSpec(kind, TWO_SMALL_NETWORKS, true, "", GroupNormalisation.NONE, 0, ridge);
    }

    @Test
    void mlpPlusLogisticGivesTheRegressionTwoThirdsOfTheVoteAndTheNetworksAverageOneThird() throws Exception {
        FeatureTable table = SyntheticTables.tess(SEED, List.of("angry", "sad", "happy"), 6, 3);
        Instances data = Trainer.trainingInstances(spec("mlp", 1), Emotions.ALL, table);

        Classifier both = Trainer.fit(spec("mlp+logistic", 1), data);
        Classifier networks = Trainer.fit(spec("mlp", 1), data);
        Classifier regression = Trainer.fit(spec("logistic", 1), data);

        for (int i = 0; i < data.numInstances(); i++) {
            double[] n = networks.distributionForInstance(data.instance(i));
            double[] r = regression.distributionForInstance(data.instance(i));
            double[] expected = new double[n.length];
            for (int k = 0; k < n.length; k++) {
                expected[k] = (n[k] + 2 * r[k]) / 3;
            }
            assertArrayEquals(expected, both.distributionForInstance(data.instance(i)), 1e-9);
        }
    }

    @Test
    void theRidgeReachesTheRegressionAndItsDescription() {
        assertTrue(spec("mlp+logistic", 100).describe().contains("Logistic -R 100.0"),
                spec("mlp+logistic", 100).describe());
        assertTrue(spec("logistic", 0.5).describe().contains("-R 0.5"), spec("logistic", 0.5).describe());
        assertEquals(100, spec("logistic", 100).withSeed(7).ridge());
    }

    @Test
    void aNegativeRidgeOrAnUnknownKindIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> spec("logistic", -1));
        assertThrows(IllegalArgumentException.class, () -> spec("forest", 1));
    }
}
