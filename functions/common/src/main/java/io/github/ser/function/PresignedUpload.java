package io.github.ser.function;

import io.micronaut.serde.annotation.Serdeable;

import java.util.Map;

/**
 * A ticket to PUT one clip straight into the bucket, once.
 *
 * @param key              object key the clip will have
 * @param url              presigned URL
 * @param method           always {@code PUT}
 * @param headers          headers the client must send exactly as given (they are part of the signature)
 * @param contentLength    the body must have exactly this many bytes: {@code Content-Length} is signed too, but
 *                         HTTP clients set it themselves from the body, so it is not repeated in {@code headers}
 * @param expiresInSeconds validity of the URL
 */
@Serdeable
public record PresignedUpload(String key, String url, String method, Map<String, String> headers, long contentLength,
                              long expiresInSeconds) {
}
