package io.github.ser.tagging;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The {@code detail} of a {@code Clip Tagged} event: enough to act on without reading anything back.
 *
 * @param status     {@code done} or {@code failed}
 * @param emotion    when done
 * @param confidence when done, as in the {@code emotion-confidence} tag
 * @param error      when failed, the stable code also in the {@code emotion-error} tag
 * @param model      the model version that analysed the clip
 * @param resultKey  where the full result JSON is, in the same bucket
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClipTaggedDetail(String bucket,
                               String key,
                               @Nullable String versionId,
                               String status,
                               @Nullable String emotion,
                               @Nullable Double confidence,
                               @Nullable String error,
                               String model,
                               String resultKey) {
}
