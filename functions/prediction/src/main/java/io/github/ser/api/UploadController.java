package io.github.ser.api;

import io.github.ser.audio.AudioMediaTypes;
import io.github.ser.function.ClipStore;
import io.github.ser.function.PresignedUpload;
import io.github.ser.function.SerConfiguration;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;

/**
 * {@code POST /uploads}: a presigned PUT for one clip under the upload prefix, for clips too large for
 * {@code /predict} and for "save to bucket" in the web page. The key is ours (a UUID), never the client's; the
 * client states the clip's size and type first, and the URL only accepts a body of exactly that size and type,
 * once, for a few minutes.
 */
@Controller
public class UploadController {
    private static final long MAX_REQUEST_BYTES = 16 * 1024;
    private static final String EXAMPLE = "{\"size\": 455034, \"contentType\": \"audio/wav\"}";
    private static final String DEFAULT_CONTENT_TYPE = "audio/wav";

    private final ClipStore store;
    private final SerConfiguration config;
    private final JsonMapper json;

    public UploadController(ClipStore store, SerConfiguration config, JsonMapper json) {
        this.store = store;
        this.config = config;
        this.json = json;
    }

    /**
     * The body: {@code {"size": bytes, "contentType": "audio/wav", "fileName": "clip.wav"}}; {@code size} is required.
     *
     * @throws ApiException 400 without a size, 413 above the upload limit, 415 for a type outside the allowlist
     */
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Post("/uploads")
    @Consumes(MediaType.ALL)
    @Status(HttpStatus.CREATED)
    public PresignedUpload upload(HttpRequest<?> http) {
        UploadRequest request = parse(RawBody.read(http, MAX_REQUEST_BYTES, "Send only the small JSON description."));
        if (request.size() == null || request.size() <= 0) {
            throw ApiException.badRequest("State the clip's size in bytes, e.g. " + EXAMPLE
                    + ": the upload URL accepts exactly that many bytes");
        }
        if (request.size() > config.getMaxUploadBytes()) {
            throw new ApiException(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "too_large", "The clip has " + request.size()
                    + " bytes; uploads are limited to " + config.getMaxUploadBytes() + " bytes");
        }
        String requested = request.contentType() == null || request.contentType().isBlank()
                ? DEFAULT_CONTENT_TYPE : request.contentType().trim();
        // signed into the URL: only the exact types the decoders read, never a client's string (CR LF, parameters...)
        String contentType = AudioMediaTypes.allowed(requested).orElseThrow(() -> ApiException.unsupportedMediaType(
                "contentType " + Printable.quote(requested) + " is not one we decode: use one of "
                        + String.join(", ", AudioMediaTypes.all())));
        // presigning needs no S3 call: check that the bucket answers, so a client is not sent to upload into a void
        store.checkReachable();
        String key = config.getUploadPrefix() + UUID.randomUUID() + extension(contentType, request);
        return store.presignUpload(key, contentType, request.size());
    }

    /**
     * Reads the description strictly: a JSON object whose {@code size} is a whole number and whose other fields are
     * strings. Nothing is coerced ({@code 1.5}, {@code true}, {@code "100"} are refused): the size is signed into the
     * URL as the exact Content-Length.
     */
    private UploadRequest parse(byte[] body) {
        if (new String(body, StandardCharsets.UTF_8).isBlank()) {
            return new UploadRequest(null, null, null);
        }
        JsonNode node = JsonBody.object(json, body, EXAMPLE);
        return new UploadRequest(size(node.get("size")), JsonBody.text(node, "contentType", EXAMPLE),
                JsonBody.text(node, "fileName", EXAMPLE));
    }

    private static Long size(JsonNode size) {
        if (size == null || size.isNull()) {
            return null;
        }
        Number number = size.isNumber() ? size.getNumberValue() : null;
        if (number instanceof Integer || number instanceof Long || number instanceof Short || number instanceof Byte) {
            return number.longValue();
        }
        if (number instanceof BigInteger big && big.bitLength() < Long.SIZE) {
            return big.longValue();
        }
        throw ApiException.badRequest("size must be a whole number of bytes, e.g. " + EXAMPLE + "; got " + size);
    }

    private static String extension(String contentType, UploadRequest request) {
        if (request.fileName() != null) {
            String name = request.fileName().toLowerCase(Locale.ROOT);
            for (String ext : AudioMediaTypes.extensions()) {
                if (name.endsWith(ext)) {
                    return ext;
                }
            }
        }
        return AudioMediaTypes.extension(contentType);
    }

    /**
     * @param size        the clip's exact size in bytes (signed into the URL as its Content-Length); required
     * @param contentType the Content-Type the client will PUT (signed into the URL); default {@code audio/wav}
     * @param fileName    only used to choose the key's extension
     */
    public record UploadRequest(@Nullable Long size, @Nullable String contentType, @Nullable String fileName) {
    }
}
