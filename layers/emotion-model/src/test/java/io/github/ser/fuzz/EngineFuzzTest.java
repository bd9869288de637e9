package io.github.ser.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.ser.EmotionRecognizer;
import io.github.ser.Prediction;
import io.github.ser.RecognizerSettings;
import io.github.ser.audio.AudioClip;
import io.github.ser.audio.AudioDecoder;
import io.github.ser.audio.AudioException;
import io.github.ser.audio.AudioLimits;
import io.github.ser.model.SpeechDecoder;
import io.github.ser.testing.CostBound;
import io.github.ser.testing.ShippedModel;

/**
 * Coverage-guided fuzzing (Jazzer) of the engine's untrusted surfaces. In a plain {@code mvn verify} each target
 * replays its regression corpus ({@code src/test/resources/io/github/ser/fuzz/EngineFuzzTestInputs/<target>/}: seeds
 * and every input a fuzzing run found interesting); the {@code fuzz} executions in this module's pom then fuzz each
 * for a few seconds. Longer runs: see docs/operations.md ("Fuzzing").
 *
 * <p>Every input, however hostile, must end in a value or an {@link AudioException}, and cost at most
 * {@value #MAX_CPU_MILLIS} ms of CPU and {@value #MAX_MEGABYTES} MB of allocation (the bounds leave room for
 * Jazzer's instrumentation, which slows the code down several times).
 */
class EngineFuzzTest {
    private static final long MAX_CPU_MILLIS = 1000;
    private static final long MAX_MEGABYTES = 100;
    private static final CostBound BOUND = new CostBound(MAX_CPU_MILLIS, MAX_MEGABYTES);
    private static final AudioDecoder DECODER = new AudioDecoder(AudioLimits.defaults());
    /** The rate every shipped feature set is computed at. */
    private static final int MODEL_RATE = 16_000;

    private static EmotionRecognizer recognizer;

    /** Bytes straight into the decoder, at the source's rate and resampled to the model's while decoding. */
    @FuzzTest(maxDuration = "15s")
    void decoders(byte[] input) throws Exception {
        BOUND.check("decoding " + input.length + " bytes", () -> {
            for (int rate : new int[]{AudioDecoder.NATIVE_RATE, MODEL_RATE}) {
                try {
                    AudioClip clip = DECODER.decode(input, rate);
                    assertTrue(clip.samples().length > 0);
                    assertTrue(clip.channels() > 0);
                    assertTrue(rate == AudioDecoder.NATIVE_RATE || clip.sampleRate() == rate);
                } catch (AudioException e) {
                    assertNotNull(e.code());
                }
            }
        });
    }

    /**
     * Decoded samples of any value and rate through the recognizer: either a typed refusal or a prediction whose
     * features and probabilities are all finite, the probabilities summing to 1.
     */
    @FuzzTest(maxDuration = "15s")
    void recognizer(FuzzedDataProvider data) throws Exception {
        int rate = data.pickValue(new int[]{8_000, 16_000, 22_050, 44_100, 48_000});
        float[] samples = new float[data.consumeInt(0, rate)];
        float scale = data.pickValue(new float[]{1f, 1e-3f, 0.5f, 4f, 1e30f});
        for (int i = 0; i < samples.length && data.remainingBytes() > 0; i++) {
            samples[i] = data.consumeBoolean() ? data.consumeRegularFloat(-1f, 1f) * scale : data.consumeFloat();
        }
        EmotionRecognizer model = recognizer();
        BOUND.check(samples.length + " samples at " + rate + " Hz", () -> {
            try {
                Prediction p = model.recognize(new AudioClip(samples, rate, 1, "wav"));
                double sum = 0;
                for (double probability : p.probabilities().values()) {
                    assertTrue(Double.isFinite(probability) && probability >= 0, p.probabilities().toString());
                    sum += probability;
                }
                assertEquals(1.0, sum, 1e-6);
                assertTrue(Double.isFinite(p.confidence()));
                int modelRate = model.featureSet().sampleRate();
                float[] atModelRate = new SpeechDecoder(AudioLimits.defaults(), modelRate)
                        .toModelRate(new AudioClip(samples, rate, 1, "wav")).samples();
                for (double feature : model.featureSet().extract(atModelRate, modelRate)) {
                    assertTrue(Double.isFinite(feature), "a feature is " + feature);
                }
            } catch (AudioException e) {
                assertNotNull(e.code());
            }
        });
    }

    private static synchronized EmotionRecognizer recognizer() throws java.io.IOException {
        if (recognizer == null) {
            // the model that serves: a fuzz run without it would test nothing, so it fails instead of skipping
            recognizer = EmotionRecognizer.load(ShippedModel.path(), RecognizerSettings.defaults());
        }
        return recognizer;
    }
}
