package io.github.ser.api;

import io.micronaut.http.HttpStatus;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * A request body's {@code Content-Encoding}, undone by us rather than by the server (Netty's automatic
 * decompression is off, and API Gateway has none): gzip and deflate are inflated with the same byte limit as a
 * plain body, so a small body cannot inflate into a large one; bad compressed data is the client's mistake (400),
 * and codings we do not read (br, snappy, zstd...) are 415.
 */
final class ContentEncoding {
    private ContentEncoding() {
    }

    /** @param coding the header's value, or null for none */
    static byte[] decode(String coding, byte[] body, long maxBytes, String hint) {
        String name = coding == null ? "identity" : coding.trim().toLowerCase(Locale.ROOT);
        if (name.isEmpty() || name.equals("identity")) {
            return body;
        }
        try (InputStream in = switch (name) {
            case "gzip", "x-gzip" -> new GZIPInputStream(new ByteArrayInputStream(body));
            case "deflate" -> new InflaterInputStream(new ByteArrayInputStream(body));
            default -> throw ApiException.unsupportedMediaType("Content-Encoding " + Printable.quote(coding)
                    + " is not supported: send the clip uncompressed, or gzip or deflate it");
        }) {
            byte[] inflated = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (inflated.length > maxBytes) {
                throw new ApiException(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "too_large", "The " + name
                        + " body inflates to more than " + maxBytes + " bytes, the limit. " + hint);
            }
            return inflated;
        } catch (IOException e) {
            throw ApiException.badRequest("The body is not valid " + name + " data (Content-Encoding: " + name + ")");
        }
    }
}
