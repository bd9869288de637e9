package io.github.ser.features;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class NamedVectorTest {

    @Test
    void valuesKeepTheirOrderAndSeriesAreNumbered() {
        NamedVector v = NamedVector.withNames().add("a", 1).addAll("mfcc", "std", new double[] {2, 3}).add("b", 4);
        assertArrayEquals(new double[] {1, 2, 3, 4}, v.values());
        assertEquals(List.of("a", "mfcc_00_std", "mfcc_01_std", "b"), v.names());
    }

    @Test
    void aValuesOnlyVectorComputesTheSameNumbers() {
        NamedVector named = NamedVector.withNames().add("x", 5).addAll("p", "mean", new double[] {6});
        NamedVector plain = NamedVector.valuesOnly().add("x", 5).addAll("p", "mean", new double[] {6});
        assertArrayEquals(named.values(), plain.values());
    }
}
