package io.github.ser.tagging;

import io.github.ser.function.ObjectRef;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Map;

/**
 * What happened to one object.
 *
 * @param status {@code done}, {@code failed} (bad audio, tagged as such) or {@code skipped} (object gone)
 * @param tags   the object's tags afterwards (null when skipped)
 * @param detail the emotion, the error code, or why it was skipped
 */
@Serdeable
public record ClipOutcome(ObjectRef clip, String status, @Nullable Map<String, String> tags, String detail) {
    public static final String SKIPPED = "skipped";
}
