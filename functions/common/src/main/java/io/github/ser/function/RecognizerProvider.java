package io.github.ser.function;

import io.github.ser.AnalysisGate;
import io.github.ser.EmotionRecognizer;
import io.github.ser.RecognizerSettings;
import io.github.ser.audio.AudioLimits;
import io.micronaut.context.BeanProvider;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Loads the model once, on a thread of its own started when the bean is created (at init, through
 * {@link SnapStartPriming}): the function's init does not wait for it, and the first request waits only for what
 * is left. Under SnapStart the priming hook waits for it before the snapshot, so a restored function has it loaded.
 * A missing or broken artifact is reported on use instead of crashing the context, so the API can answer
 * {@code 503 model_unavailable} and {@code /health} can say why.
 */
@Singleton
public class RecognizerProvider {
    private static final Logger LOG = LoggerFactory.getLogger(RecognizerProvider.class);

    private final RecognizerSettings settings;
    private final CompletableFuture<EmotionRecognizer> recognizer;

    public RecognizerProvider(SerConfiguration config, AnalysisGate gate, BeanProvider<S3Client> s3, JsonMapper json) {
        Path artifact = Path.of(config.getModelPath());
        this.settings = settingsFrom(config);
        this.recognizer = CompletableFuture.supplyAsync(() -> learning(load(artifact, settings, gate), config, s3,
                json), task -> {
            Thread loader = new Thread(task, "ser-model-loader");
            loader.setDaemon(true);
            loader.start();
        });
    }

    /**
     * The recognizer, once loaded (waits for the loading thread).
     *
     * @throws ModelUnavailableException when the artifact failed to load
     */
    public EmotionRecognizer get() {
        try {
            return recognizer.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() instanceof UncheckedIOException io ? io.getCause() : e.getCause();
            throw new ModelUnavailableException("The emotion model could not be loaded: " + cause.getMessage(), cause);
        }
    }

    /** How clips are checked before the model sees them (the limits clients should know, e.g. the shortest clip). */
    public RecognizerSettings settings() {
        return settings;
    }

    private static EmotionRecognizer load(Path artifact, RecognizerSettings settings, AnalysisGate gate) {
        try {
            EmotionRecognizer loaded = EmotionRecognizer.load(artifact, settings, gate);
            LOG.info("Loaded model {} from {}", loaded.modelVersion(), artifact);
            return loaded;
        } catch (IOException e) {
            // missing, malformed or for another feature set: the message says which, a stack trace adds nothing
            LOG.error("Model artifact {} could not be loaded: {}", artifact, e.getMessage());
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            LOG.error("Model artifact {} could not be loaded", artifact, e);
            throw e;
        }
    }

    /** The recognizer, learning the deployment's own feature moments when a prefix for them is configured. */
    private static EmotionRecognizer learning(EmotionRecognizer recognizer, SerConfiguration config,
                                              BeanProvider<S3Client> s3, JsonMapper json) {
        String prefix = config.getDeploymentStatisticsPrefix();
        if (prefix == null || prefix.isEmpty()) {
            return recognizer;
        }
        LOG.info("Learning this deployment's feature moments under s3://{}/{} (used after {} clips)",
                config.getBucket(), prefix, config.getDeploymentStatisticsMinClips());
        return recognizer.learningFrom(new BucketDeploymentStatistics(s3::get, json, config.getBucket(), prefix,
                recognizer.featureSet(), config.getDeploymentStatisticsMinClips(), Clock.systemUTC()));
    }

    private static RecognizerSettings settingsFrom(SerConfiguration config) {
        // the decoder's byte limit is the larger upload limit; the API checks its own smaller limit first
        AudioLimits limits = new AudioLimits(config.getMaxUploadBytes(), config.getMaxDurationSeconds());
        RecognizerSettings defaults = RecognizerSettings.defaults();
        return new RecognizerSettings(limits, defaults.segmenter(), defaults.minDurationSeconds(), defaults.silenceDbfs());
    }
}
