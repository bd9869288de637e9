package io.github.ser.api;

import io.github.ser.function.ObjectRef;
import io.github.ser.function.SerConfiguration;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Put;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.nio.charset.StandardCharsets;

/**
 * {@code PUT /results/{key}/label} with {@code {"emotion": "sad"}}: what an uploaded clip really was, kept with the
 * clip as training data ({@link CorrectionService}). The key is given as for {@code GET /results/{key}}.
 */
@Controller
public class CorrectionController {
    private static final long MAX_REQUEST_BYTES = 1024;
    private static final String EXAMPLE = "{\"emotion\": \"sad\"}";

    private final CorrectionService corrections;
    private final SerConfiguration config;
    private final JsonMapper json;

    public CorrectionController(CorrectionService corrections, SerConfiguration config, JsonMapper json) {
        this.corrections = corrections;
        this.config = config;
        this.json = json;
    }

    @ExecuteOn(TaskExecutors.BLOCKING)
    @Put("/results/{+key}/label")
    @Consumes(MediaType.ALL)
    public CorrectionService.Correction label(String key, HttpRequest<?> http) {
        String emotion = emotion(RawBody.read(http, MAX_REQUEST_BYTES, "Send only " + EXAMPLE + "."));
        ObjectRef clip = ClipKeys.clip(key, config);
        return ClipKeys.callersKey(key, () -> corrections.label(clip, emotion));
    }

    private String emotion(byte[] body) {
        if (new String(body, StandardCharsets.UTF_8).isBlank()) {
            throw ApiException.badRequest("Say what the clip was, e.g. " + EXAMPLE);
        }
        JsonNode node = JsonBody.object(json, body, EXAMPLE);
        String emotion = JsonBody.text(node, "emotion", EXAMPLE);
        if (emotion == null) {
            throw ApiException.badRequest("Say what the clip was in the field emotion, e.g. " + EXAMPLE);
        }
        return emotion;
    }
}
