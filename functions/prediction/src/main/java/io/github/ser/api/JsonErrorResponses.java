package io.github.ser.api;

import io.github.ser.function.ErrorBody;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/**
 * Every framework error is the documented JSON, whatever the client accepts: Micronaut's own processor answers
 * browsers ({@code Accept: text/html}) with an HTML page, which is not part of this API's contract.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
class JsonErrorResponses implements ErrorResponseProcessor<ErrorBody> {
    private final ErrorBodyProvider bodies;

    JsonErrorResponses(ErrorBodyProvider bodies) {
        this.bodies = bodies;
    }

    @Override
    public MutableHttpResponse<ErrorBody> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        return response.body(bodies.body(context, response)).contentType(MediaType.APPLICATION_JSON_TYPE);
    }
}
