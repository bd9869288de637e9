package io.github.ser.api;

import io.github.ser.function.ClipStore;
import io.github.ser.function.NoSuchClipException;
import io.github.ser.function.ObjectRef;
import io.github.ser.function.S3Tags;
import io.github.ser.function.SerConfiguration;
import io.github.ser.function.StorageRefusedException;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * {@code GET /results/{key}}: what the tagging function found for an uploaded clip. The key may contain slashes
 * and may be given with or without the upload prefix ({@code uploads/<id>.wav} or {@code <id>.wav}).
 */
@Controller
public class ResultController {
    /** S3's own limit for a key: the clip's result key must keep to it. */
    private static final int MAX_KEY_BYTES = 1024;

    private final ClipStore store;
    private final SerConfiguration config;

    public ResultController(ClipStore store, SerConfiguration config) {
        this.store = store;
        this.config = config;
    }

    @ExecuteOn(TaskExecutors.BLOCKING)
    @Get("/results/{+key}")
    public ClipView result(String key) {
        String clipKey = config.uploadKey(key);
        if (key.isBlank() || Printable.hasControlCharacter(key) || tooLong(clipKey) || tooLong(config.resultKey(clipKey))) {
            throw notAKey(key);
        }
        ObjectRef clip = new ObjectRef(config.getBucket(), clipKey);
        try {
            return view(clip);
        } catch (StorageRefusedException e) {
            if (e.isInvalidRequest()) {
                throw notAKey(key);    // the key is the caller's: S3 refusing it is the caller's mistake, not our fault
            }
            throw e;
        }
    }

    private ClipView view(ObjectRef clip) {
        // the result is written after the tags, so once it exists the tags are final
        JsonNode result = store.readResult(clip.bucket(), clip.key()).orElse(null);
        Map<String, String> tags;
        try {
            // the object may carry its owner's tags for other purposes: only ours are the API's to show
            tags = S3Tags.only(store.tags(clip), S3Tags.OURS);
        } catch (NoSuchClipException e) {
            throw new ApiException(HttpStatus.NOT_FOUND, "not_found", "There is no clip " + clip.key());
        }
        if (result == null) {
            throw new ApiException(HttpStatus.NOT_FOUND, "not_ready",
                    "The clip " + clip.key() + " has not been analysed yet; try again in a few seconds");
        }
        return new ClipView(clip.key(), result.get("status").getStringValue(), tags, result);
    }

    private static ApiException notAKey(String key) {
        return ApiException.badRequest("The key " + Printable.quote(key) + " is not a clip key: use the key /uploads "
                + "returned (S3 takes at most " + MAX_KEY_BYTES + " bytes for it and for its result's key, and no "
                + "control characters)");
    }

    private static boolean tooLong(String key) {
        return key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES;
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
