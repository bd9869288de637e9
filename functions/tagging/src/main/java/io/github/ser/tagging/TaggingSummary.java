package io.github.ser.tagging;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** The handler's answer for one S3 event: one outcome per record. */
@Serdeable
public record TaggingSummary(List<ClipOutcome> clips) {
}
