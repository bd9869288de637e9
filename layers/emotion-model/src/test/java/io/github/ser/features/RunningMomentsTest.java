package io.github.ser.features;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RunningMomentsTest {

    private static List<double[]> rows(int n, long seed) {
        Random random = new Random(seed);
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(new double[]{random.nextGaussian() * 5 + 1e4, random.nextDouble()});
        }
        return rows;
    }

    private static RunningMoments running(List<double[]> rows) {
        RunningMoments m = RunningMoments.empty(2);
        for (double[] row : rows) {
            m = m.plus(row);
        }
        return m;
    }

    @Test
    void partsGatheredApartAddUpToTheWhole() {
        List<double[]> a = rows(70, 1);
        List<double[]> b = rows(30, 2);
        List<double[]> all = new ArrayList<>(a);
        all.addAll(b);

        FeatureMoments merged = running(a).merge(running(b)).moments();
        FeatureMoments direct = FeatureMoments.of(all);

        assertEquals(100, merged.count());
        assertArrayEquals(direct.mean(), merged.mean(), 1e-9);
        assertArrayEquals(direct.std(), merged.std(), 1e-9);
    }

    @Test
    void emptyMomentsMergeAsNothingAndHaveNoMoments() {
        RunningMoments some = running(rows(5, 3));

        assertEquals(some, RunningMoments.empty(2).merge(some));
        assertEquals(some, some.merge(RunningMoments.empty(2)));
        assertThrows(IllegalStateException.class, () -> RunningMoments.empty(2).moments());
        assertThrows(IllegalArgumentException.class, () -> some.merge(RunningMoments.empty(3)));
    }

    @Test
    void theirPlainValuesReadBack() {
        RunningMoments some = running(rows(5, 4));

        assertEquals(some, RunningMoments.fromMap(some.toMap()));
        assertThrows(IllegalArgumentException.class, () -> RunningMoments.fromMap(java.util.Map.of("count", 1)));
        assertThrows(IllegalArgumentException.class, () -> RunningMoments.fromMap(java.util.Map.of("count", 1,
                "mean", List.of("x"), "m2", List.of(0.0))));
    }
}
