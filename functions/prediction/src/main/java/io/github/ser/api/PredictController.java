package io.github.ser.api;

import io.github.ser.Prediction;
import io.github.ser.audio.AudioException;
import io.github.ser.function.ClipTelemetry;
import io.github.ser.function.RecognizerProvider;
import io.github.ser.function.SerConfiguration;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/** {@code POST /predict}: a clip in, the engine's prediction out, synchronously. */
@Controller
public class PredictController {
    /** How this route names itself in logs and metrics. */
    static final String SERVICE = "predict";

    private final RecognizerProvider recognizer;
    private final SerConfiguration config;
    private final ClipTelemetry telemetry;

    public PredictController(RecognizerProvider recognizer, SerConfiguration config, ClipTelemetry telemetry) {
        this.recognizer = recognizer;
        this.config = config;
        this.telemetry = telemetry;
    }

    // blocking: reads the body and runs the model, never on an event loop
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Post("/predict")
    @Consumes(MediaType.ALL)
    public Prediction predict(HttpRequest<?> request) throws AudioException {
        byte[] audio = AudioRequest.audio(request, config.getMaxRequestBytes());
        Prediction prediction = recognizer.get().recognize(audio);
        telemetry.analysed(SERVICE, null, prediction);
        return prediction;
    }
}
