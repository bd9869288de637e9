package io.github.ser.features;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

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

    @ParameterizedTest
    @ValueSource(strings = {"speech:1", "speech:2", "speech:3", "speech:4"})
    void speechFeaturesIgnoreRecordingLevel(String name) {
        FeatureSet set = FeatureSets.byName(name);
        double[] loud = set.extract(speechLike(0.5, 3), 16000);
        double[] quiet = set.extract(speechLike(0.01, 3), 16000);
        List<String> names = set.names();
        for (int i = 0; i < loud.length; i++) {
            double scale = Math.max(1.0, Math.abs(loud[i]));
            assertEquals(loud[i], quiet[i], 0.02 * scale, names.get(i) + " changed with a 34 dB gain change");
        }
    }

    @ParameterizedTest
    @CsvSource({"speech:2, pitch_median_st", "speech:1, pitch_p50_st", "speech:3, pitch_p50_st", "speech:4, pitch_p50_st"})
    void speechFeaturesSeeProsody(String name, String medianPitch) {
        FeatureSet set = FeatureSets.byName(name);
        double[] v = set.extract(speechLike(0.3, 3), 16000);
        List<String> names = set.names();
        double voiced = v[names.indexOf("pitch_voiced_ratio")];
        double pitchSt = v[names.indexOf(medianPitch)];
        assertTrue(voiced > 0.5, "voiced ratio " + voiced);
        // 140 Hz median f0 is 5.8 semitones above 100 Hz
        assertEquals(12 * Math.log(140 / 100.0) / Math.log(2), pitchSt, 1.0);
        double rate = v[names.indexOf("rhythm_peaks_per_s")];
        assertTrue(rate > 2 && rate < 6, "4 Hz syllables, got " + rate);
    }

    /**
     * A microphone's colouring (here a gentle first-order high-pass, like a small capsule) adds a nearly constant
     * offset to every frame's cepstrum: v2's mean-normalised cepstral spreads move little (not nothing: the filter is
     * not constant within a mel band), while v1's cepstral means move a lot.
     */
    @Test
    void speechV2CepstraIgnoreAConstantChannel() {
        float[] x = speechLike(0.3, 3);
        float[] coloured = new float[x.length];
        for (int i = 1; i < x.length; i++) {
            coloured[i] = x[i] - 0.4f * x[i - 1];
        }
        FeatureSet v2 = FeatureSets.byName("speech:2");
        double[] a = v2.extract(x, 16000);
        double[] b = v2.extract(coloured, 16000);
        for (int c = 1; c <= 13; c++) {
            int i = v2.names().indexOf(String.format("cmn_mfcc_%02d_std", c - 1));
            assertTrue(i >= 0, v2.names().toString());
            assertEquals(a[i], b[i], 0.15 * Math.abs(a[i]) + 0.2, v2.names().get(i));
        }
        FeatureSet v1 = FeatureSets.byName("speech:1");
        double[] c1 = v1.extract(x, 16000);
        double[] d1 = v1.extract(coloured, 16000);
        int mean1 = v1.names().indexOf("mfcc_01_mean");
        assertTrue(Math.abs(c1[mean1] - d1[mean1]) > 5, "v1's c1 mean moves with the channel");
    }

    /**
     * What a narrowband call or a low-bitrate codec removes (here whistles at 5, 6 and 7 kHz, which a studio
     * microphone would keep) cannot move v3's numbers, which are computed from 0-4 kHz; it moves v1's, which see the
     * whole band.
     */
    @Test
    void speechV3IgnoresWhatIsAboveFourKilohertz() {
        float[] x = speechLike(0.3, 3);
        float[] whistled = x.clone();
        for (int i = 0; i < whistled.length; i++) {
            for (int f = 5000; f <= 7000; f += 1000) {
                whistled[i] += (float) (0.03 * Math.sin(2 * Math.PI * f * i / 16000.0));
            }
        }
        FeatureSet v3 = FeatureSets.byName("speech:3");
        double[] a = v3.extract(x, 16000);
        double[] b = v3.extract(whistled, 16000);
        for (String feature : List.of("mfcc_01_mean", "mfcc_02_std", "spectral_centroid_mean", "spectral_rolloff_mean",
                "logmel_63_mean", "pitch_p50_st", "energy_std")) {
            int i = v3.names().indexOf(feature);
            assertTrue(i >= 0, feature + " in " + v3.names());
            assertEquals(a[i], b[i], 0.05 * Math.abs(a[i]) + 0.5, feature);
        }
        FeatureSet v1 = FeatureSets.byName("speech:1");
        int centroid = v1.names().indexOf("spectral_centroid_mean");
        assertTrue(v1.extract(whistled, 16000)[centroid] > 1.5 * v1.extract(x, 16000)[centroid],
                "v1 hears the whistles");
    }

    /**
     * Steady noise about 12 dB below the voice (a fan, a car interior) moves every spectral number of v3; v4 subtracts
     * the noise it hears in the quietest frames first and counts only frames above that noise as speech, so its
     * numbers stay about half as far from the clean clip's.
     */
    @Test
    void speechV4HearsTheVoiceThroughSteadyNoise() {
        float[] x = speechLike(0.3, 3);
        float[] noisy = x.clone();
        Random random = new Random(11);
        for (int i = 0; i < noisy.length; i++) {
            noisy[i] += (float) (0.04 * random.nextGaussian());
        }
        double v3 = distance(FeatureSets.byName("speech:3"), x, noisy);
        double v4 = distance(FeatureSets.byName("speech:4"), x, noisy);
        assertTrue(v4 < 0.6 * v3, "v4 moved " + v4 + ", v3 " + v3); // 0.35 against 0.69 when written
    }

    /** Mean relative change of the spectral numbers (cepstra, log-mel, spectral shape) between two clips. */
    private static double distance(FeatureSet set, float[] a, float[] b) {
        double[] u = set.extract(a, 16000);
        double[] v = set.extract(b, 16000);
        double sum = 0;
        int n = 0;
        for (int i = 0; i < u.length; i++) {
            if (set.names().get(i).matches("(mfcc|logmel|spectral)_.*")) {
                sum += Math.abs(u[i] - v[i]) / (Math.abs(u[i]) + 1);
                n++;
            }
        }
        return sum / n;
    }

    @Test
    void versionsAreKeptApartAndTheDefaultIsTheShippedModelsSet() {
        assertEquals(3, FeatureSets.byName("speech").version(), "a bare name is the shipped model's version");
        assertEquals(3, FeatureSets.defaultSet().version(), "the default is what the shipped model computes");
        assertEquals(2, FeatureSets.byName("speech:2").version());
        assertEquals(1, FeatureSets.byName("speech", 1).version());
        assertEquals(1, FeatureSets.byName("speech:1").version());
        assertEquals(3, FeatureSets.byName("speech:3").version());
        assertEquals(4, FeatureSets.byName("speech:4").version());
        assertEquals(16_000, FeatureSets.byName("speech:3").sampleRate(), "clips come in at 16 kHz");
        assertThrows(IllegalArgumentException.class, () -> FeatureSets.byName("speech", 7));
        assertEquals(16_000, FeatureSets.defaultSet().sampleRate());
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
