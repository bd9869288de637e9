package io.github.ser.tagging;

import io.github.ser.function.ObjectRef;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Map;

/**
 * What happened to one object.
 *
 * @param status {@value ClipResult#DONE}, {@value ClipResult#FAILED} (bad audio, tagged as such), {@value #SKIPPED}
 *               (already tagged by the same model version: a backfill leaves it alone) or {@value #MISSING} (the
 *               object is gone)
 * @param tags   the object's tags afterwards (null when missing)
 * @param detail the emotion, the error code, or why nothing was done
 */
@Serdeable
public record ClipOutcome(ObjectRef clip, String status, @Nullable Map<String, String> tags, String detail) {
    public static final String SKIPPED = "skipped";
    public static final String MISSING = "missing";
}
