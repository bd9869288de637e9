package io.github.ser.training;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class GroupNormalisationTest {

    private static LabeledClip clip(String speaker, String corpus) {
        return new LabeledClip(Path.of(speaker + corpus + ".wav"), "angry", speaker, corpus);
    }

    // speaker a: feature 0 in {0, 2}, speaker b: {10, 30}; feature 1 constant within each speaker
    private static final List<double[]> ROWS = List.of(new double[]{0, 5}, new double[]{2, 5},
            new double[]{10, 7}, new double[]{30, 7});
    private static final List<LabeledClip> CLIPS = List.of(clip("a", "x"), clip("a", "x"), clip("b", "x"),
            clip("b", "x"));

    @Test
    void eachSpeakerEndsOnThePooledMeanAndSpread() {
        List<double[]> out = GroupNormalisation.SPEAKER.apply(ROWS, CLIPS);

        double pooledMean = (0 + 2 + 10 + 30) / 4.0;
        double pooledStd = Math.sqrt((0 + 4 + 100 + 900) / 4.0 - pooledMean * pooledMean);
        // within each speaker the two values become mean - std and mean + std of the pool
        assertArrayEquals(new double[]{pooledMean - pooledStd, pooledMean + pooledStd,
                pooledMean - pooledStd, pooledMean + pooledStd},
                out.stream().mapToDouble(r -> r[0]).toArray(), 1e-9);
        // a feature flat within a speaker loses only the speaker's offset
        assertArrayEquals(new double[]{6, 6, 6, 6}, out.stream().mapToDouble(r -> r[1]).toArray(), 1e-9);
        assertEquals(0, ROWS.get(0)[0], "the input rows are left alone");
    }

    @Test
    void clipsBeingTunedToAreLeftAsTheyAre() {
        List<LabeledClip> clips = List.of(clip("a", "x"), clip("a", "x"), clip("b", "user"), clip("b", "user"));

        List<double[]> out = GroupNormalisation.CORPUS.apply(ROWS, clips, java.util.Set.of("user"));

        assertArrayEquals(ROWS.get(2), out.get(2), 0);
        assertArrayEquals(ROWS.get(3), out.get(3), 0);
        assertEquals(GroupNormalisation.CORPUS.apply(ROWS, clips).get(0)[0], out.get(0)[0], 1e-12,
                "the other corpora are normalised as ever");
    }

    @Test
    void corpusGroupsSpanTheirSpeakersAndNoneChangesNothing() {
        List<double[]> corpus = GroupNormalisation.CORPUS.apply(ROWS, CLIPS);

        // one corpus: its statistics are the pool's, so nothing moves
        for (int i = 0; i < ROWS.size(); i++) {
            assertArrayEquals(ROWS.get(i), corpus.get(i), 1e-9);
        }
        assertSame(ROWS, GroupNormalisation.NONE.apply(ROWS, CLIPS));
    }
}
