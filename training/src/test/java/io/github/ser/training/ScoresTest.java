package io.github.ser.training;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class ScoresTest {

    @Test
    void accuracyWeighsClipsWhileUaWeighsClasses() {
        // class a: 8 clips, 6 right; class b: 2 clips, 1 right; class c never occurs in the truth
        int[] truth = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1};
        int[] predicted = {0, 0, 0, 0, 0, 0, 1, 2, 1, 0};

        Scores s = Scores.of(List.of("a", "b", "c"), truth, predicted);

        assertEquals(0.7, s.accuracy(), 1e-12);
        assertEquals((6 / 8.0 + 1 / 2.0) / 2, s.ua(), 1e-12);
        assertEquals(0.75, s.perClassRecall().get("a"), 1e-12);
        assertEquals(0.5, s.perClassRecall().get("b"), 1e-12);
        assertFalse(s.perClassRecall().containsKey("c"));
        assertArrayEquals(new int[] {6, 1, 1}, s.confusion()[0]);
        assertArrayEquals(new int[] {1, 1, 0}, s.confusion()[1]);
        assertArrayEquals(new int[] {0, 0, 0}, s.confusion()[2]);
        assertEquals(10, s.count());
    }
}
