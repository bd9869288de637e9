package io.github.ser.api;

import io.github.ser.function.ErrorBody;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Gives the error responses that other filters produce without a body (CORS refusing a foreign origin with an
 * empty 403) the same {@code {"error", "message"}} JSON as every other error. Runs first, so its response side
 * sees what the filters after it answered.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
class EmptyErrorBodies implements Ordered {

    @ResponseFilter
    void fill(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (response.code() < 400 || response.getBody().isPresent()) {
            return;
        }
        String origin = request.getHeaders().get(HttpHeaders.ORIGIN);
        ErrorBody body = response.code() == 403 && origin != null
                ? new ErrorBody("forbidden_origin", "Requests from the origin " + Printable.quote(origin)
                        + " are not allowed; call the API from its own web page or configure SER_ALLOWED_ORIGIN")
                : new ErrorBody(ErrorBodyProvider.code(response.code()), response.reason());
        response.body(body).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }
}
