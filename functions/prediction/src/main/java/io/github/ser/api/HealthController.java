package io.github.ser.api;

import io.github.ser.EmotionRecognizer;
import io.github.ser.model.Calibration;
import io.github.ser.model.Manifest;
import io.github.ser.function.RecognizerProvider;
import io.github.ser.function.SerConfiguration;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** {@code GET /health}: the model in use and the limits clients should respect (the web page reads them). */
@Controller
public class HealthController {
    private final RecognizerProvider recognizer;
    private final SerConfiguration config;

    public HealthController(RecognizerProvider recognizer, SerConfiguration config) {
        this.recognizer = recognizer;
        this.config = config;
    }

    /** 503 {@code model_unavailable} when the model did not load. */
    @Get("/health")
    public Health health() {
        EmotionRecognizer model = recognizer.get();
        return new Health("ok", model.modelVersion(), model.labels(), model.trainedOn(), model.calibration(),
                new Limits(config.getMaxRequestBytes(), config.getMaxUploadBytes(), config.getMaxDurationSeconds(),
                        recognizer.settings().minDurationSeconds()));
    }

    /**
     * @param trainedOn   the corpora the model learned from (clips, speakers, language, licence: its terms follow)
     * @param calibration how its confidence is calibrated and when it says it is not sure
     */
    @Serdeable
    public record Health(String status, String model, List<String> labels, Manifest.TrainedOn trainedOn,
                         Calibration calibration, Limits limits) {
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
