package io.github.ser.api;

import io.github.ser.function.ErrorBody;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;
import jakarta.inject.Singleton;

/**
 * Gives the framework's own errors (unknown route, wrong method, unreadable JSON, unexpected exceptions) the same
 * {@code {"error", "message"}} shape as ours. Server faults get a fixed message: exception details stay in the log.
 */
@Singleton
class ErrorBodyProvider implements JsonErrorResponseBodyProvider<ErrorBody> {

    @Override
    public ErrorBody body(ErrorContext context, HttpResponse<?> response) {
        int status = response.code();
        if (status >= 500) {
            return new ErrorBody("internal_error", "Something went wrong on our side; the error has been logged");
        }
        String message = context.getErrors().isEmpty() ? response.reason() : context.getErrors().get(0).getMessage();
        return new ErrorBody(code(status), message);
    }

    static String code(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 413 -> "too_large";
            case 415 -> "unsupported_media_type";
            default -> "http_" + status;
        };
    }
}
