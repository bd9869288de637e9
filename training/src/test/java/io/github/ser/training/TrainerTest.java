package io.github.ser.training;

import io.github.ser.model.Emotions;
import io.github.ser.features.FeatureSet;
import io.github.ser.features.FeatureSets;
import org.junit.jupiter.api.Test;
import weka.core.Instances;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TrainerTest {

    private static final FeatureSet SEED = FeatureSets.byName("seed");

    @Test
    void balancedWeightsGiveEveryPresentClassTheSameTotal() {
        FeatureTable a = SyntheticTables.ravdess(SEED, List.of("calm"), List.of(1), 2, 1);
        FeatureTable b = SyntheticTables.tess(SEED, List.of("angry", "sad"), 6, 2);
        FeatureTable table = SyntheticTables.concat(a, b); // calm 2, angry 6, sad 6
        Instances data = Trainer.instances(SEED, Emotions.ALL, table.rows(), table.clips());

        Trainer.balanceClasses(data);

        double[] totals = new double[Emotions.ALL.size()];
        for (int i = 0; i < data.numInstances(); i++) {
            totals[(int) data.instance(i).classValue()] += data.instance(i).weight();
        }
        double share = data.numInstances() / 3.0;
        assertEquals(share, totals[Emotions.ALL.indexOf("calm")], 1e-9);
        assertEquals(share, totals[Emotions.ALL.indexOf("angry")], 1e-9);
        assertEquals(share, totals[Emotions.ALL.indexOf("sad")], 1e-9);
        assertEquals(0, totals[Emotions.ALL.indexOf("happy")]);
    }

    @Test
    void rowsMustMatchTheFeatureSetAndLabels() {
        LabeledClip clip = new LabeledClip(Path.of("x.wav"), "calm", "ravdess-01", LabeledClip.RAVDESS);
        List<double[]> shortRow = List.of(new double[3]);
        List<double[]> fullRow = List.of(new double[SEED.names().size()]);

        assertThrows(IllegalArgumentException.class,
                () -> Trainer.instances(SEED, Emotions.ALL, shortRow, List.of(clip)));
        assertThrows(IllegalArgumentException.class,
                () -> Trainer.instances(SEED, List.of("angry", "sad"), fullRow, List.of(clip)));
    }

    @Test
    void anEmptyTableCannotBeTrained() {
        FeatureTable empty = new FeatureTable(SEED, List.of(), List.of(), List.of());

        assertThrows(IllegalArgumentException.class,
                () -> Trainer.train(empty, ClassifierSpec.defaults(), null, Instant.now()));
    }
}
