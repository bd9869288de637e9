package io.github.ser.api;

import io.github.ser.audio.AudioErrorCode;
import io.github.ser.audio.AudioException;
import io.github.ser.function.ClipTelemetry;
import io.github.ser.function.ErrorBody;
import io.github.ser.function.ModelUnavailableException;
import io.micronaut.context.annotation.Factory;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Turns each kind of refusal into {@code {"error": code, "message": ...}} with the right status. */
@Factory
class ErrorResponses {

    @Singleton
    ExceptionHandler<ApiException, HttpResponse<ErrorBody>> apiErrors() {
        return (request, e) -> HttpResponse.<ErrorBody>status(e.status()).body(new ErrorBody(e.code(), e.getMessage()));
    }

    @Singleton
    ExceptionHandler<AudioException, HttpResponse<ErrorBody>> audioErrors(ClipTelemetry telemetry) {
        // only /predict analyses audio: a refused clip counts as a failure of that route
        return (request, e) -> {
            telemetry.failed(PredictController.SERVICE, null, e.code().code(), e.getMessage());
            return audioError(e);
        };
    }

    private static HttpResponse<ErrorBody> audioError(AudioException e) {
        return HttpResponse.<ErrorBody>status(status(e.code()))
                .body(new ErrorBody(e.code().code(), e.getMessage()));
    }

    @Singleton
    ExceptionHandler<ModelUnavailableException, HttpResponse<ErrorBody>> modelErrors() {
        // the cause is logged where the model failed to load; the client only learns that it is our fault
        return (request, e) -> HttpResponse.<ErrorBody>status(HttpStatus.SERVICE_UNAVAILABLE)
                .body(new ErrorBody(ModelUnavailableException.CODE, "The emotion model is not available; try again later"));
    }

    /** The client's clip is at fault in every case, so 4xx: which one tells the client what to change. */
    static HttpStatus status(AudioErrorCode code) {
        return switch (code) {
            case EMPTY, CORRUPT_AUDIO -> HttpStatus.BAD_REQUEST;
            case TOO_LARGE, TOO_LONG -> HttpStatus.REQUEST_ENTITY_TOO_LARGE;
            case UNSUPPORTED_FORMAT -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
            case TOO_SHORT, SILENT -> HttpStatus.UNPROCESSABLE_ENTITY;
        };
    }
}
