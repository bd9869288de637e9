package io.github.ser;

import io.github.ser.audio.AudioClip;
import io.github.ser.audio.AudioErrorCode;
import io.github.ser.audio.AudioException;
import io.github.ser.audio.AudioLimits;
import io.github.ser.audio.HostileAudio;
import io.github.ser.features.FeatureMoments;
import io.github.ser.model.Emotions;
import io.github.ser.model.ModelArtifact;
import io.github.ser.model.SpeechDecoder;
import io.github.ser.training.TestModels;
import io.github.ser.testing.SharedData;
import io.github.ser.testing.ShippedModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmotionRecognizerTest {

    private static EmotionRecognizer recognizer;
    private static Path samples;
    private static Path clip;

    @BeforeAll
    static void load() throws IOException {
        samples = SharedData.datasets().resolve("samples"); // here, not in a field initialiser, so a missing ../shared is a skip
        clip = TestModels.ravdess().resolve("Actor_03/03-01-05-02-01-01-03.flac");
        recognizer = EmotionRecognizer.load(TestModels.smallRavdessModel(), RecognizerSettings.defaults());
    }

    @Test
    void predictsAClipWithProbabilitiesForEveryLabel() throws Exception {
        byte[] bytes = Files.readAllBytes(clip);
        Prediction p = recognizer.recognize(bytes);

        assertValid(p);
        assertNull(p.segments(), "a short clip is not split");
        assertEquals(new SpeechDecoder(AudioLimits.defaults(), recognizer.featureSet().sampleRate()).decode(bytes).durationSeconds(), p.durationSeconds());
        assertEquals(recognizer.modelVersion(), p.model());
        assertTrue(p.timings().decodeMillis() > 0 && p.timings().featuresMillis() > 0
                && p.timings().classifyMillis() > 0, p.timings().toString());
    }

    @Test
    void aDeploymentLearnsEveryClipAndOnceItKnowsItsMomentsAlignsClipsOntoTheTrainingScale() throws Exception {
        ModelArtifact model = ModelArtifact.load(TestModels.smallRavdessModel());
        FeatureMoments trained = model.trainingMoments().orElseThrow();
        byte[] bytes = Files.readAllBytes(clip);
        Recording learning = new Recording(null);

        Prediction before = recognizer.learningFrom(learning).recognize(bytes);

        assertEquals(1, learning.seen.size(), "one clip, one segment");
        double[] features = learning.seen.get(0);
        assertEquals(recognizer.recognize(bytes).probabilities(), before.probabilities(), "nothing learnt yet");
        // a deployment whose mean is exactly this clip: the clip is average there, so it becomes the training mean
        double[] ones = new double[features.length];
        java.util.Arrays.fill(ones, 1);
        Prediction aligned = recognizer.learningFrom(new Recording(new FeatureMoments(features, ones, 100)))
                .recognize(bytes);
        double[] expected = model.probabilities(trained.mean());
        for (int k = 0; k < expected.length; k++) {
            assertEquals(expected[k], aligned.probabilities().get(recognizer.labels().get(k)), 1e-12);
        }
    }

    /** Deployment statistics that remember what they saw and report fixed moments. */
    private static final class Recording implements DeploymentStatistics {
        final List<double[]> seen = new ArrayList<>();
        private final FeatureMoments moments;

        Recording(FeatureMoments moments) {
            this.moments = moments;
        }

        @Override
        public java.util.Optional<FeatureMoments> moments() {
            return java.util.Optional.ofNullable(moments);
        }

        @Override
        public void observe(List<double[]> clipFeatures) {
            seen.addAll(clipFeatures);
        }
    }

    @Test
    void handlesTheQuirkySamples() throws Exception {
        for (String name : List.of("03-01-05-02-01-01-01.wav", "03-01-06-01-01-02-20.wav", "OAF_food_fear.wav",
                "YAF_germ_angry.wav")) {
            Prediction p = recognizer.recognize(Files.readAllBytes(samples.resolve(name)));
            assertValid(p);
            assertTrue(p.durationSeconds() > 1 && p.durationSeconds() < 5, name + ": " + p.durationSeconds());
        }
    }

    @Test
    void splitsLongClipsAndAveragesSegmentsByDuration() throws Exception {
        SpeechDecoder decoder = new SpeechDecoder(AudioLimits.defaults(), recognizer.featureSet().sampleRate());
        List<float[]> parts = new ArrayList<>();
        for (String name : List.of("03-01-05-02-01-01-03.flac", "03-01-04-02-02-02-03.flac",
                "03-01-03-01-01-01-03.flac", "03-01-02-02-01-02-03.flac", "03-01-07-01-02-01-03.flac")) {
            parts.add(decoder.decode(Files.readAllBytes(TestModels.ravdess().resolve("Actor_03").resolve(name)))
                    .samples());
        }
        float[] joined = concat(parts);

        Prediction p = recognizer.recognize(new AudioClip(joined, 16_000, 1, "wav"));

        assertValid(p);
        assertNotNull(p.segments());
        assertTrue(p.segments().size() >= 2, "segments: " + p.segments().size());
        double[] weighted = new double[Emotions.ALL.size()];
        double total = 0;
        double previousEnd = 0;
        for (SegmentPrediction s : p.segments()) {
            double length = s.endSeconds() - s.startSeconds();
            assertTrue(s.startSeconds() >= previousEnd - 1e-9 && length > 0 && length <= 8.0 + 1e-9, s.toString());
            previousEnd = s.endSeconds();
            assertEquals(s.probabilities().get(s.emotion()), s.confidence(), 1e-12);
            for (int k = 0; k < weighted.length; k++) {
                weighted[k] += length * s.probabilities().get(Emotions.ALL.get(k));
            }
            total += length;
        }
        for (int k = 0; k < weighted.length; k++) {
            assertEquals(weighted[k] / total, p.probabilities().get(Emotions.ALL.get(k)), 1e-3);
        }
    }

    @Test
    void rejectsSilenceAndTooShortClipsWithTheirCodes() {
        assertCode(AudioErrorCode.SILENT, new AudioClip(new float[16_000], 16_000, 1, "wav"));
        float[] faint = new float[16_000];
        for (int i = 0; i < faint.length; i++) {
            faint[i] = (float) (0.0005 * Math.sin(i * 0.3)); // about -69 dBFS
        }
        assertCode(AudioErrorCode.SILENT, new AudioClip(faint, 16_000, 1, "wav"));
        float[] blip = new float[1_600]; // 0.1 s
        for (int i = 0; i < blip.length; i++) {
            blip[i] = (float) (0.5 * Math.sin(i * 0.3));
        }
        assertCode(AudioErrorCode.TOO_SHORT, new AudioClip(blip, 16_000, 1, "wav"));
    }

    @Test
    void badBytesGiveTypedErrors() {
        AudioException empty = assertThrows(AudioException.class, () -> recognizer.recognize(new byte[0]));
        assertEquals(AudioErrorCode.EMPTY, empty.code());
        AudioException text = assertThrows(AudioException.class,
                () -> recognizer.recognize("this is not audio at all".getBytes()));
        assertEquals(AudioErrorCode.UNSUPPORTED_FORMAT, text.code());
    }

    @Test
    void concurrentCallsGiveTheSameAnswersAsSequentialOnes() throws Exception {
        List<byte[]> clips = new ArrayList<>();
        try (var files = Files.list(TestModels.ravdess().resolve("Actor_05"))) {
            for (Path f : files.sorted().limit(12).toList()) {
                clips.add(Files.readAllBytes(f));
            }
        }
        List<Map<String, Double>> sequential = new ArrayList<>();
        for (byte[] clip : clips) {
            sequential.add(recognizer.recognize(clip).probabilities());
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Map<String, Double>>> futures = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                for (byte[] clip : clips) {
                    futures.add(pool.submit(() -> recognizer.recognize(clip).probabilities()));
                }
            }
            for (int i = 0; i < futures.size(); i++) {
                assertEquals(sequential.get(i % clips.size()), futures.get(i).get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theCommittedDefaultModelServesTheSamples() throws Exception {
        Path model = ShippedModel.require();
        EmotionRecognizer shipped = EmotionRecognizer.load(model, RecognizerSettings.defaults());

        assertEquals(Emotions.ALL, shipped.labels());
        assertEquals("speech", shipped.featureSet().name());
        for (String name : List.of("03-01-05-02-01-01-01.wav", "YAF_germ_angry.wav")) {
            Prediction p = shipped.recognize(Files.readAllBytes(samples.resolve(name)));
            assertValid(p);
            assertEquals(shipped.modelVersion(), p.model());
        }
    }

    private static void assertCode(AudioErrorCode code, AudioClip clip) {
        AudioException e = assertThrows(AudioException.class, () -> recognizer.recognize(clip));
        assertEquals(code, e.code(), e.getMessage());
    }

    /** NaN or infinity anywhere, or float samples far beyond full scale, is corrupt audio, never an answer. */
    @Test
    void nonFiniteOrAbsurdSamplesAreCorruptAudio() throws Exception {
        float[] speech = new SpeechDecoder(AudioLimits.defaults(), recognizer.featureSet().sampleRate())
                .decode(Files.readAllBytes(clip)).samples();
        List<float[]> bad = new ArrayList<>();
        bad.add(fill(speech.length, Float.NaN));
        float[] sparseNaN = speech.clone();
        for (int i = 0; i < sparseNaN.length; i += 1000) {
            sparseNaN[i] = Float.NaN;
        }
        bad.add(sparseNaN);
        float[] inf = speech.clone();
        inf[inf.length / 2] = Float.POSITIVE_INFINITY;
        bad.add(inf);
        float[] negInf = speech.clone();
        negInf[7] = Float.NEGATIVE_INFINITY;
        bad.add(negInf);
        bad.add(HostileAudio.scaled(speech, 1e30f));
        for (float[] samples : bad) {
            AudioException e = assertThrows(AudioException.class,
                    () -> recognizer.recognize(new AudioClip(samples, 16_000, 1, "wav")));
            assertEquals(AudioErrorCode.CORRUPT_AUDIO, e.code(), e.getMessage());
        }
        // over full scale but plausible (a hot float mix): analysed as it is, with the same answer as at full scale
        Prediction loud = recognizer.recognize(new AudioClip(HostileAudio.scaled(speech, 4f), 16_000, 1, "wav"));
        assertValid(loud);
        assertEquals(recognizer.recognize(new AudioClip(speech, 16_000, 1, "wav")).emotion(), loud.emotion());
    }

    @Test
    void aFullGateTurnsClipsAwayAsOurOwnRetryableTrouble() throws Exception {
        AnalysisGate gate = new AnalysisGate(5);
        EmotionRecognizer gated = EmotionRecognizer.load(TestModels.smallRavdessModel(), RecognizerSettings.defaults(), gate);
        byte[] bytes = Files.readAllBytes(clip);
        try (AnalysisGate.Permit busy = gate.enter(3)) {
            CapacityExceededException e = assertThrows(CapacityExceededException.class, () -> gated.recognize(bytes));
            assertTrue(e.retryAfterSeconds() > 0);
        }
        assertValid(gated.recognize(bytes));
        assertEquals(0, gate.inFlightSeconds(), "every permit is given back, also after a refusal");
        // a clip longer than the whole capacity still gets in when nothing else is in flight
        assertValid(EmotionRecognizer.load(TestModels.smallRavdessModel(), RecognizerSettings.defaults(),
                new AnalysisGate(0.5)).recognize(bytes));
    }

    private static float[] fill(int n, float value) {
        float[] x = new float[n];
        java.util.Arrays.fill(x, value);
        return x;
    }

    private static void assertValid(Prediction p) {
        assertEquals(Emotions.ALL, List.copyOf(p.probabilities().keySet()));
        assertEquals(1.0, p.probabilities().values().stream().mapToDouble(Double::doubleValue).sum(), 1e-6);
        double max = p.probabilities().values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        assertEquals(max, p.confidence(), 1e-12);
        assertEquals(max, p.probabilities().get(p.emotion()), 1e-12);
    }

    private static float[] concat(List<float[]> parts) {
        float[] out = new float[parts.stream().mapToInt(a -> a.length).sum()];
        int at = 0;
        for (float[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }
}
