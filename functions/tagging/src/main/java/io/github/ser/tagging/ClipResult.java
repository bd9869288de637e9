package io.github.ser.tagging;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.github.ser.Prediction;
import io.github.ser.function.ErrorBody;
import io.github.ser.function.ObjectRef;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/**
 * What {@code results/<key>.json} holds: which object version was analysed, when, and either the full
 * prediction or the error that stopped it.
 *
 * @param status      {@code done} or {@code failed}
 * @param prediction  present when done
 * @param error       present when failed, inlined: a failed result reads like an API error,
 *                    {@code {"error": code, "message": ..., "status": "failed", ...}}
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClipResult(String bucket,
                         String key,
                         @Nullable String versionId,
                         String processedAt,
                         String status,
                         @Nullable Prediction prediction,
                         @JsonUnwrapped @Nullable ErrorBody error) {

    public static final String DONE = "done";
    public static final String FAILED = "failed";

    static ClipResult done(ObjectRef clip, Prediction prediction) {
        return new ClipResult(clip.bucket(), clip.key(), clip.versionId(), Instant.now().toString(), DONE, prediction, null);
    }

    static ClipResult failed(ObjectRef clip, ErrorBody error) {
        return new ClipResult(clip.bucket(), clip.key(), clip.versionId(), Instant.now().toString(), FAILED, null, error);
    }
}
