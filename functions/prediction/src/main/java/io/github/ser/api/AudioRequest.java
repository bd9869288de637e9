package io.github.ser.api;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;

/**
 * The clip in a {@code POST /predict}: the raw body for {@code audio/*} and {@code application/octet-stream},
 * or the {@code audio} field of a {@code multipart/form-data} form. Reads the raw bytes itself (no body binding),
 * so it behaves the same behind API Gateway and under Netty.
 */
final class AudioRequest {
    static final String FIELD = "audio";
    private static final String ACCEPTED = "send audio/* (e.g. audio/wav), application/octet-stream "
            + "or multipart/form-data with the clip in the field '" + FIELD + "'";
    private static final String HINT = "POST /predict is for clips that fit in one API call. For larger clips ask "
            + "POST /uploads for a presigned URL, PUT the clip there and poll GET /results/{key} for the answer.";

    private AudioRequest() {
    }

    /**
     * @throws ApiException 415 for other content types, 413 above {@code maxBytes}, 400 for a bad form
     */
    static byte[] audio(HttpRequest<?> request, long maxBytes) {
        MediaType type = request.getContentType().orElseThrow(() -> ApiException.unsupportedMediaType(
                "The request has no Content-Type: " + ACCEPTED));
        boolean multipart = type.getType().equalsIgnoreCase("multipart") && type.getSubtype().equalsIgnoreCase("form-data");
        boolean raw = type.getType().equalsIgnoreCase("audio") || type.matches(MediaType.APPLICATION_OCTET_STREAM_TYPE);
        if (!multipart && !raw) {
            throw ApiException.unsupportedMediaType("Content-Type " + type + " is not audio: " + ACCEPTED);
        }
        // a multipart form carries a little more than the clip itself
        byte[] body = RawBody.read(request, multipart ? maxBytes + 64 * 1024 : maxBytes, HINT);
        if (!multipart) {
            return body;
        }
        String boundary = MultipartForm.boundary(request.getHeaders().getContentType().orElse(""))
                .orElseThrow(() -> ApiException.badRequest("multipart/form-data without a boundary parameter"));
        byte[] audio = MultipartForm.field(body, boundary, FIELD).orElseThrow(() -> ApiException.badRequest(
                "The form has no '" + FIELD + "' field: send the clip as the file field '" + FIELD + "'"));
        if (audio.length > maxBytes) {
            throw tooLarge(audio.length, maxBytes);
        }
        return audio;
    }

    private static ApiException tooLarge(long size, long max) {
        return RawBody.tooLarge(size, max, HINT);
    }
}
