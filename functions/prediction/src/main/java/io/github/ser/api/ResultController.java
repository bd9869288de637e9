package io.github.ser.api;

import io.github.ser.function.ClipStore;
import io.github.ser.function.NoSuchClipException;
import io.github.ser.function.ObjectRef;
import io.github.ser.function.S3Tags;
import io.github.ser.function.SerConfiguration;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Map;

/**
 * {@code GET /results/{key}}: what the tagging function found for an uploaded clip. The key may contain slashes
 * and may be given with or without the upload prefix ({@code uploads/<id>.wav} or {@code <id>.wav}).
 */
@Controller
public class ResultController {
    private final ClipStore store;
    private final SerConfiguration config;

    public ResultController(ClipStore store, SerConfiguration config) {
        this.store = store;
        this.config = config;
    }

    @ExecuteOn(TaskExecutors.BLOCKING)
    @Get("/results/{+key}")
    public ClipView result(String key) {
        ObjectRef clip = ClipKeys.clip(key, config);
        return ClipKeys.callersKey(key, () -> view(clip));
    }

    private ClipView view(ObjectRef clip) {
        // the result is written after the tags, so once it exists the tags are final
        JsonNode result = store.readResult(clip.bucket(), clip.key()).orElse(null);
        Map<String, String> tags;
        try {
            // the object may carry its owner's tags for other purposes: only ours are the API's to show
            tags = S3Tags.only(store.tags(clip), S3Tags.OURS);
        } catch (NoSuchClipException e) {
            throw ClipKeys.noSuchClip(clip);
        }
        if (result == null) {
            throw new ApiException(HttpStatus.NOT_FOUND, "not_ready",
                    "The clip " + clip.key() + " has not been analysed yet; try again in a few seconds");
        }
        return new ClipView(clip.key(), result.get("status").getStringValue(), tags, result);
    }

    /**
     * @param key    the clip's object key
     * @param status {@code done} or {@code failed}
     * @param tags   only the object's {@code emotion} and {@code emotion-*} tags
     * @param result the stored result JSON (prediction, or error and message)
     */
    @Serdeable
    public record ClipView(String key, String status, Map<String, String> tags, JsonNode result) {
    }
}
