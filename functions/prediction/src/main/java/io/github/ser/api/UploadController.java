package io.github.ser.api;

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
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * {@code POST /uploads}: a presigned PUT for one clip under the upload prefix, for clips too large for
 * {@code /predict} and for "save to bucket" in the web page. The key is ours (a UUID), never the client's.
 */
@Controller
public class UploadController {
    private static final Map<String, String> EXTENSIONS = Map.of(
            "audio/wav", ".wav", "audio/x-wav", ".wav", "audio/wave", ".wav", "audio/vnd.wave", ".wav",
            "audio/flac", ".flac", "audio/x-flac", ".flac", "audio/aiff", ".aiff", "audio/x-aiff", ".aiff");

    private static final long MAX_REQUEST_BYTES = 16 * 1024;

    private final ClipStore store;
    private final SerConfiguration config;
    private final JsonMapper json;

    public UploadController(ClipStore store, SerConfiguration config, JsonMapper json) {
        this.store = store;
        this.config = config;
        this.json = json;
    }

    /** The body is optional: {@code {"contentType": "audio/wav", "fileName": "clip.wav"}}, both fields too. */
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Post("/uploads")
    @Consumes(MediaType.ALL)
    @Status(HttpStatus.CREATED)
    public PresignedUpload upload(HttpRequest<?> http) {
        UploadRequest request = parse(RawBody.read(http, MAX_REQUEST_BYTES, "Send only the small JSON description."));
        String contentType = request == null || request.contentType() == null || request.contentType().isBlank()
                ? "audio/wav" : request.contentType().trim().toLowerCase(Locale.ROOT);
        if (!contentType.startsWith("audio/") && !contentType.equals(MediaType.APPLICATION_OCTET_STREAM)) {
            throw ApiException.unsupportedMediaType("contentType " + contentType
                    + " is not audio: use audio/wav, audio/flac, audio/aiff or application/octet-stream");
        }
        String key = config.getUploadPrefix() + UUID.randomUUID() + extension(contentType, request);
        return store.presignUpload(key, contentType);
    }

    @Nullable
    private UploadRequest parse(byte[] body) {
        if (new String(body, StandardCharsets.UTF_8).isBlank()) {
            return null;
        }
        try {
            return json.readValue(body, UploadRequest.class);
        } catch (IOException | RuntimeException e) {
            throw ApiException.badRequest("The body must be JSON like {\"contentType\": \"audio/wav\"}: " + e.getMessage());
        }
    }

    private static String extension(String contentType, @Nullable UploadRequest request) {
        if (request != null && request.fileName() != null) {
            String name = request.fileName().toLowerCase(Locale.ROOT);
            for (String ext : new String[]{".wav", ".flac", ".aiff", ".aif"}) {
                if (name.endsWith(ext)) {
                    return ext;
                }
            }
        }
        return EXTENSIONS.getOrDefault(contentType, ".wav");
    }

    /**
     * @param contentType the Content-Type the client will PUT (signed into the URL); default {@code audio/wav}
     * @param fileName    only used to choose the key's extension
     */
    @Serdeable
    public record UploadRequest(@Nullable String contentType, @Nullable String fileName) {
    }
}
