package io.github.ser.api;

import io.github.ser.EmotionRecognizer;
import io.github.ser.function.ClipStore;
import io.github.ser.model.Calibration;
import io.github.ser.model.Manifest;
import io.github.ser.function.RecognizerProvider;
import io.github.ser.function.SerConfiguration;
import io.github.ser.function.StorageUnavailableException;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * {@code GET /health}: the model in use, whether the clip storage answers, and the limits clients should respect
 * (the web page reads them). {@code GET /health/ready}: the same, but 503 unless everything the API needs answers,
 * for load balancers and the local stack's own checks.
 */
@Controller("/health")
public class HealthController {
    static final String OK = "ok";
    static final String DEGRADED = "degraded";
    static final String UNAVAILABLE = "unavailable";

    private final RecognizerProvider recognizer;
    private final ClipStore store;
    private final SerConfiguration config;

    public HealthController(RecognizerProvider recognizer, ClipStore store, SerConfiguration config) {
        this.recognizer = recognizer;
        this.store = store;
        this.config = config;
    }

    /**
     * 200 while the model is loaded, {@code status} {@code degraded} when S3 does not answer ({@code /predict} still
     * works then, uploads and results do not); 503 {@code model_unavailable} when the model did not load.
     */
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Get
    public Health health() {
        EmotionRecognizer model = recognizer.get();
        String storage = storage();
        return new Health(storage.equals(OK) ? OK : DEGRADED, model.modelVersion(), model.labels(),
                model.trainedOn(), model.calibration(), storage,
                new Limits(config.getMaxRequestBytes(), config.getMaxUploadBytes(), config.getMaxDurationSeconds(),
                        recognizer.settings().minDurationSeconds()));
    }

    /** 200 when the model is loaded and S3 answers; 503 {@code model_unavailable} or {@code storage_unavailable}. */
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Get("/ready")
    public Health ready() {
        Health health = health();
        if (!health.storage().equals(OK)) {
            throw new StorageUnavailableException("readiness check: the clip bucket does not answer", null);
        }
        return health;
    }

    private String storage() {
        try {
            store.checkReachable();
            return OK;
        } catch (StorageUnavailableException e) {
            return UNAVAILABLE;
        }
    }

    /**
     * @param trainedOn   the corpora the model learned from (clips, speakers, language, licence: its terms follow)
     * @param calibration how its confidence is calibrated and when it says it is not sure
     * @param storage     {@code ok} or {@code unavailable}: whether the clip bucket answered just now
     */
    @Serdeable
    public record Health(String status, String model, List<String> labels, Manifest.TrainedOn trainedOn,
                         Calibration calibration, String storage, Limits limits) {
    }

    /**
     * @param maxPredictBytes    largest body for {@code POST /predict}
     * @param maxUploadBytes     largest clip the tagging function analyses
     * @param maxDurationSeconds longest clip analysed
     * @param minDurationSeconds shorter clips are refused as {@code too_short} (the recognizer's own setting)
     */
    @Serdeable
    public record Limits(long maxPredictBytes, long maxUploadBytes, double maxDurationSeconds,
                         double minDurationSeconds) {
    }
}
