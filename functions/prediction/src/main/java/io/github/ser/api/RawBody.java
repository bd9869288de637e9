package io.github.ser.api;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpRequestWrapper;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.ServerHttpRequest;

import java.io.IOException;
import java.io.InputStream;

/**
 * The request body as bytes, bounded. Controllers read it themselves instead of binding it, because binding
 * differs between API Gateway's translation and Netty (multipart, empty bodies) and this must not.
 */
final class RawBody {
    private RawBody() {
    }

    /**
     * @return the body (inflated when it has a Content-Encoding, see {@link ContentEncoding}), empty when there is none
     * @throws ApiException 413 {@code too_large} (with {@code hint} appended) above {@code maxBytes}
     */
    static byte[] read(HttpRequest<?> request, long maxBytes, String hint) {
        ServerHttpRequest<?> server = unwrap(request);
        long declared = server.byteBody().expectedLength().orElse(-1);
        if (declared > maxBytes) {
            throw tooLarge(declared, maxBytes, hint);
        }
        // the route binds no body, so nothing else claims it: read it directly (a split() copy would wait for
        // the unread original under Netty's backpressure)
        try (InputStream in = server.byteBody().toInputStream()) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw tooLarge(bytes.length, maxBytes, hint);
            }
            return ContentEncoding.decode(request.getHeaders().get(HttpHeaders.CONTENT_ENCODING), bytes, maxBytes, hint);
        } catch (IOException e) {
            // the client hung up or stopped sending (read-idle-timeout) mid-body: its doing, and nobody is left to
            // read the answer; a 400 keeps it out of the server-fault log and metrics
            throw ApiException.badRequest("The request body broke off before it was complete: " + e.getMessage());
        }
    }

    /** Behind API Gateway a request with a body may arrive wrapped (servlet binding); the bytes are inside. */
    private static ServerHttpRequest<?> unwrap(HttpRequest<?> request) {
        HttpRequest<?> current = request;
        while (!(current instanceof ServerHttpRequest<?>) && current instanceof HttpRequestWrapper<?> wrapper) {
            current = wrapper.getDelegate();
        }
        if (current instanceof ServerHttpRequest<?> server) {
            return server;
        }
        throw new IllegalStateException("no server request inside " + request.getClass());
    }

    static ApiException tooLarge(long size, long max, String hint) {
        return new ApiException(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "too_large",
                "The request carries " + size + " bytes; the limit is " + max + " bytes. " + hint);
    }
}
