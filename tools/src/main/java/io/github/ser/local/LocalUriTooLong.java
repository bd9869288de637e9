package io.github.ser.local;

import io.github.ser.function.ErrorBody;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.netty.handler.codec.http.TooLongHttpLineException;

/**
 * A request line longer than Netty reads (4 KB) is {@code 414 uri_too_long}, as API Gateway answers it, rather than
 * the {@code 413} Micronaut gives every request that Netty could not decode for length.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Requires(env = "local")
class LocalUriTooLong {
    static final String CODE = "uri_too_long";

    @ResponseFilter
    void answer(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (request instanceof NettyHttpRequest<?> netty && netty.getNativeRequest().decoderResult().isFailure()
                && netty.getNativeRequest().decoderResult().cause() instanceof TooLongHttpLineException) {
            response.status(HttpStatus.REQUEST_URI_TOO_LONG).contentType(MediaType.APPLICATION_JSON_TYPE)
                    .body(new ErrorBody(CODE, "The URL is too long: keys and paths are at most a few hundred bytes"));
        }
    }
}
