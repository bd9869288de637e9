package io.github.ser.features;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FeatureSetsTest {

    /** A vowel-like test signal: a gliding harmonic tone with syllable-rate amplitude modulation and a pause. */
    static float[] speechLike(double gain, int seconds) {
        float[] x = new float[16000 * seconds];
        Random random = new Random(7);
        double phase = 0;
        for (int i = 0; i < x.length; i++) {
            double t = i / 16000.0;
            double f0 = 140 + 30 * Math.sin(2 * Math.PI * 0.7 * t);
            phase += 2 * Math.PI * f0 / 16000.0;
            double envelope = Math.max(0, Math.sin(2 * Math.PI * 4 * t)) * (t % 2.0 < 1.6 ? 1 : 0);
            double voice = Math.sin(phase) + 0.5 * Math.sin(2 * phase) + 0.25 * Math.sin(3 * phase);
            x[i] = (float) (gain * (envelope * voice + 0.001 * random.nextGaussian()));
        }
        return x;
    }

    @Test
    void namesAreUniqueAndMatchTheVector() {
        for (String name : FeatureSets.names()) {
            FeatureSet set = FeatureSets.byName(name);
            List<String> names = set.names();
            assertEquals(names.size(), new HashSet<>(names).size(), name + " names unique");
            double[] v = set.extract(speechLike(0.3, 3), 16000);
            assertEquals(names.size(), v.length, name);
            for (double d : v) {
                assertTrue(Double.isFinite(d));
            }
        }
        assertEquals(180, FeatureSets.byName("seed").names().size());
        assertEquals("speech", FeatureSets.defaultSet().name());
    }

    @Test
    void unknownSetIsRefusedWithTheKnownNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FeatureSets.byName("wav2vec"));
        assertTrue(e.getMessage().contains("seed"));
    }

    @Test
    void speechFeaturesIgnoreRecordingLevel() {
        FeatureSet set = FeatureSets.defaultSet();
        double[] loud = set.extract(speechLike(0.5, 3), 16000);
        double[] quiet = set.extract(speechLike(0.01, 3), 16000);
        List<String> names = set.names();
        for (int i = 0; i < loud.length; i++) {
            double scale = Math.max(1.0, Math.abs(loud[i]));
            assertEquals(loud[i], quiet[i], 0.02 * scale, names.get(i) + " changed with a 34 dB gain change");
        }
    }

    @Test
    void speechFeaturesSeeProsody() {
        FeatureSet set = FeatureSets.defaultSet();
        double[] v = set.extract(speechLike(0.3, 3), 16000);
        List<String> names = set.names();
        double voiced = v[names.indexOf("pitch_voiced_ratio")];
        double pitchSt = v[names.indexOf("pitch_p50_st")];
        assertTrue(voiced > 0.5, "voiced ratio " + voiced);
        // 140 Hz median f0 is 5.8 semitones above 100 Hz
        assertEquals(12 * Math.log(140 / 100.0) / Math.log(2), pitchSt, 1.0);
        double rate = v[names.indexOf("rhythm_peaks_per_s")];
        assertTrue(rate > 2 && rate < 6, "4 Hz syllables, got " + rate);
    }

    @Test
    void speechSetRequires16kHz() {
        assertThrows(IllegalArgumentException.class, () -> FeatureSets.defaultSet().extract(new float[48000], 48000));
    }

    @Test
    void silenceGivesFiniteNumbers() {
        for (String name : FeatureSets.names()) {
            for (double d : FeatureSets.byName(name).extract(new float[16000], 16000)) {
                assertTrue(Double.isFinite(d), name);
            }
        }
    }
}
