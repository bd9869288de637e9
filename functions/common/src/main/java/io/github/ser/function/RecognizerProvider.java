package io.github.ser.function;

import io.github.ser.EmotionRecognizer;
import io.github.ser.RecognizerSettings;
import io.github.ser.audio.AudioLimits;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Loads the model once. Lambda creates singletons eagerly, so the load happens during init (and is captured by
 * the SnapStart snapshot); a missing or broken artifact is reported on use instead of crashing the context, so
 * the API can answer {@code 503 model_unavailable} and {@code /health} can say why.
 */
@Singleton
public class RecognizerProvider {
    private static final Logger LOG = LoggerFactory.getLogger(RecognizerProvider.class);

    private final EmotionRecognizer recognizer;
    private final Exception failure;

    public RecognizerProvider(SerConfiguration config) {
        Path artifact = Path.of(config.getModelPath());
        EmotionRecognizer loaded = null;
        Exception error = null;
        try {
            loaded = EmotionRecognizer.load(artifact, settings(config));
            LOG.info("Loaded model {} from {}", loaded.modelVersion(), artifact);
        } catch (IOException | RuntimeException e) {
            error = e;
            LOG.error("Model artifact {} could not be loaded", artifact, e);
        }
        this.recognizer = loaded;
        this.failure = error;
    }

    /** @throws ModelUnavailableException when the artifact failed to load */
    public EmotionRecognizer get() {
        if (recognizer == null) {
            throw new ModelUnavailableException("The emotion model could not be loaded: " + failure.getMessage(), failure);
        }
        return recognizer;
    }

    private static RecognizerSettings settings(SerConfiguration config) {
        // the decoder's byte limit is the larger upload limit; the API checks its own smaller limit first
        AudioLimits limits = new AudioLimits(config.getMaxUploadBytes(), config.getMaxDurationSeconds());
        RecognizerSettings defaults = RecognizerSettings.defaults();
        return new RecognizerSettings(limits, defaults.segmenter(), defaults.minDurationSeconds(), defaults.silenceDbfs());
    }
}
