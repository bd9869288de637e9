package io.github.ser.function;

import io.micronaut.serde.annotation.Serdeable;

/**
 * The one error shape used everywhere: API responses and failed results in S3.
 *
 * @param error   stable machine-readable code, e.g. {@code corrupt_audio}
 * @param message explanation for people
 */
@Serdeable
public record ErrorBody(String error, String message) {
}
