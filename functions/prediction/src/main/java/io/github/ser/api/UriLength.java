package io.github.ser.api;

import io.github.ser.function.ErrorBody;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * A URL longer than API Gateway takes is {@code 414 uri_too_long}, as API Gateway answers it, on Netty too (the local
 * stack reads request lines up to {@code micronaut.server.netty.max-initial-line-length}, 64 KB, so that this filter
 * sees them; longer ones Netty refuses with its own 413). No key or path of ours is anywhere near this long.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
class UriLength {
    static final String CODE = "uri_too_long";
    /** API Gateway's limit for a URL. */
    static final int MAX_URI_CHARS = 8192;

    @RequestFilter
    @Nullable
    HttpResponse<ErrorBody> check(HttpRequest<?> request) {
        int length = request.getUri().toString().length();
        if (length <= MAX_URI_CHARS) {
            return null;
        }
        return HttpResponse.<ErrorBody>status(HttpStatus.REQUEST_URI_TOO_LONG).body(new ErrorBody(CODE,
                "The URL has " + length + " characters; the limit is " + MAX_URI_CHARS));
    }
}
