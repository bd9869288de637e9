package io.github.ser.features;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FeatureMomentsTest {

    @Test
    void meanAndPopulationSpreadPerFeature() {
        FeatureMoments m = FeatureMoments.of(List.of(new double[]{1, 5}, new double[]{3, 5}));

        assertArrayEquals(new double[]{2, 5}, m.mean(), 0);
        assertArrayEquals(new double[]{1, 0}, m.std(), 0);
        assertEquals(2, m.count());
    }

    @Test
    void weightsCountRowsAsThatManyCopies() {
        FeatureMoments weighted = FeatureMoments.of(List.of(new double[]{0}, new double[]{4}), new double[]{3, 1});
        FeatureMoments copies = FeatureMoments.of(List.of(new double[]{0}, new double[]{0}, new double[]{0},
                new double[]{4}));

        assertArrayEquals(copies.mean(), weighted.mean(), 1e-12);
        assertArrayEquals(copies.std(), weighted.std(), 1e-12);
    }

    @Test
    void farFromZeroTheSpreadSurvives() {
        // a naive sum of squares loses these digits to cancellation
        FeatureMoments m = FeatureMoments.of(List.of(new double[]{1e9 + 1}, new double[]{1e9 - 1}));

        assertEquals(1, m.std()[0], 1e-6);
    }

    @Test
    void alignMovesACollectionOntoTheTargetScale() {
        FeatureMoments phone = FeatureMoments.of(List.of(new double[]{10, 7}, new double[]{30, 7}));
        FeatureMoments studio = FeatureMoments.of(List.of(new double[]{0, 1}, new double[]{2, 3}));

        // the phone's mean and spread become the studio's; a feature flat on the phone only loses its offset
        assertArrayEquals(new double[]{0, 2}, phone.align(new double[]{10, 7}, studio), 1e-12);
        assertArrayEquals(new double[]{2, 2}, phone.align(new double[]{30, 7}, studio), 1e-12);
        assertArrayEquals(new double[]{3, 3}, phone.align(new double[]{40, 8}, studio), 1e-12);
    }

    @Test
    void mismatchedWidthsAndEmptyCollectionsAreRefused() {
        FeatureMoments two = FeatureMoments.of(List.<double[]>of(new double[]{1, 2}));
        FeatureMoments one = FeatureMoments.of(List.<double[]>of(new double[]{1}));

        assertThrows(IllegalArgumentException.class, () -> two.align(new double[]{1}, two));
        assertThrows(IllegalArgumentException.class, () -> two.align(new double[]{1, 2}, one));
        assertThrows(IllegalArgumentException.class, () -> FeatureMoments.of(List.of()));
    }
}
