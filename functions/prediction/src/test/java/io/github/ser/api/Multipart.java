package io.github.ser.api;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** A multipart/form-data body as browsers build it, for tests. */
final class Multipart {
    static final String BOUNDARY = "----WebKitFormBoundary7MA4YWxkTrZu0gW";
    static final String CONTENT_TYPE = "multipart/form-data; boundary=" + BOUNDARY;

    private Multipart() {
    }

    /** A text field {@code note}, then the file field {@code field}. */
    static byte[] form(String field, String fileName, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        text(out, "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nrecorded on a phone\r\n");
        text(out, "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\"" + fileName
                + "\"\r\nContent-Type: audio/wav\r\n\r\n");
        out.writeBytes(content);
        text(out, "\r\n--" + BOUNDARY + "--\r\n");
        return out.toByteArray();
    }

    private static void text(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
