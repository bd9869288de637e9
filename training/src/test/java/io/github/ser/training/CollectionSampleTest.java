package io.github.ser.training;

import io.github.ser.features.FeatureSets;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CollectionSampleTest {

    // 4 actors x 4 labels x 10 clips: 40 neutral, 120 others
    private static final FeatureTable BALANCED = SyntheticTables.ravdess(FeatureSets.byName("seed"), Evaluator.FOUR,
            List.of(1, 2, 3, 4), 10, 1);

    private static long neutral(FeatureTable t) {
        return t.clips().stream().filter(c -> c.emotion().equals("neutral")).count();
    }

    @Test
    void allIsTheWholeCollection() {
        assertEquals(BALANCED.size(), CollectionSample.ALL.draw(BALANCED).size());
    }

    @Test
    void aMostlyNeutralSampleHasItsShareAndSize() {
        FeatureTable sample = new CollectionSample(50, 0.6, 7).draw(BALANCED);

        assertEquals(50, sample.size());
        assertEquals(30, neutral(sample));
    }

    @Test
    void theRarerSideLimitsAnUnboundedSample() {
        FeatureTable sample = new CollectionSample(0, 0.8, 7).draw(BALANCED);

        // 40 neutral clips are 80% of 50
        assertEquals(50, sample.size());
        assertEquals(40, neutral(sample));
    }

    @Test
    void aCollectionWithoutTheMixIsTakenAsItIs() {
        FeatureTable angry = BALANCED.filter(c -> c.emotion().equals("angry"));

        assertEquals(25, new CollectionSample(25, 0.6, 7).draw(angry).size());
        assertEquals(angry.size(), new CollectionSample(0, 0.6, 7).draw(angry).size());
    }

    @Test
    void theDrawIsSeeded() {
        CollectionSample a = new CollectionSample(20, 0, 3);

        assertEquals(a.draw(BALANCED).clips(), a.draw(BALANCED).clips());
        assertNotEquals(a.draw(BALANCED).clips(), new CollectionSample(20, 0, 4).draw(BALANCED).clips());
        assertEquals(20, a.draw(BALANCED).size());
    }

    @Test
    void impossibleMixesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new CollectionSample(10, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new CollectionSample(-1, 0.5, 0));
    }
}
