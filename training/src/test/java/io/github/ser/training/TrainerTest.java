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
    void balancedWeightsGiveEveryClassAndEveryCorpusWithinAClassTheSameTotal() {
        FeatureTable a = SyntheticTables.ravdess(SEED, List.of("calm", "angry"), List.of(1), 2, 1);
        FeatureTable b = SyntheticTables.tess(SEED, List.of("angry", "sad"), 6, 2);
        FeatureTable table = SyntheticTables.concat(a, b); // ravdess: calm 2, angry 2; tess: angry 6, sad 6
        Instances data = Trainer.trainingInstances(ClassifierSpec.defaults(), Emotions.ALL, table);

        double[] perClass = new double[Emotions.ALL.size()];
        double angryRavdess = 0;
        double angryTess = 0;
        double sum = 0;
        for (int i = 0; i < data.numInstances(); i++) {
            double w = data.instance(i).weight();
            perClass[(int) data.instance(i).classValue()] += w;
            LabeledClip clip = table.clips().get(i);
            if (clip.emotion().equals("angry")) {
                angryRavdess += clip.corpus().equals(LabeledClip.RAVDESS) ? w : 0;
                angryTess += clip.corpus().equals(LabeledClip.TESS) ? w : 0;
            }
            sum += w;
        }
        double share = data.numInstances() / 3.0; // three classes, weights averaging 1
        assertEquals(data.numInstances(), sum, 1e-9);
        assertEquals(share, perClass[Emotions.ALL.indexOf("calm")], 1e-9);
        assertEquals(share, perClass[Emotions.ALL.indexOf("angry")], 1e-9);
        assertEquals(share, perClass[Emotions.ALL.indexOf("sad")], 1e-9);
        assertEquals(0, perClass[Emotions.ALL.indexOf("happy")]);
        // 2 RAVDESS angry clips weigh as much as 6 TESS ones: the small corpus is not drowned
        assertEquals(angryRavdess, angryTess, 1e-9);
    }

    @Test
    void unbalancedSpecsKeepUnitWeights() {
        FeatureTable table = SyntheticTables.tess(SEED, List.of("angry", "sad"), 3, 2);
        ClassifierSpec plain = new ClassifierSpec("mlp", MlpSettings.defaults(), false);
        Instances data = Trainer.trainingInstances(plain, Emotions.ALL, table);

        for (int i = 0; i < data.numInstances(); i++) {
            assertEquals(1.0, data.instance(i).weight());
        }
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
                () -> Trainer.train(empty, ClassifierSpec.defaults(), Trainer.Provenance.NONE, Instant.now()));
    }
}
