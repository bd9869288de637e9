package io.github.ser.api;

import io.github.ser.CapacityExceededException;
import io.github.ser.audio.AudioErrorCode;
import io.github.ser.audio.AudioException;
import io.github.ser.function.ClipTelemetry;
import io.github.ser.function.ErrorBody;
import io.github.ser.function.ModelUnavailableException;
import io.github.ser.function.StorageUnavailableException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.context.annotation.Factory;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns each kind of refusal into {@code {"error": code, "message": ...}} with the right status. */
@Factory
class ErrorResponses {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);
    /** Our own capacity is full ({@link CapacityExceededException}): not the client's fault, worth retrying. */
    static final String OVERLOADED = "overloaded";
    /** S3 calls give up within seconds; by then it may be back. */
    private static final int STORAGE_RETRY_AFTER_SECONDS = 5;

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

    @Singleton
    ExceptionHandler<StorageUnavailableException, HttpResponse<ErrorBody>> storageErrors() {
        return (request, e) -> {
            LOG.warn("{} {}: {}", request.getMethod(), request.getPath(), e.getMessage());
            return retryLater(new ErrorBody(StorageUnavailableException.CODE,
                    "The clip storage is not answering; try again in a few seconds"), STORAGE_RETRY_AFTER_SECONDS);
        };
    }

    @Singleton
    ExceptionHandler<CapacityExceededException, HttpResponse<ErrorBody>> capacityErrors() {
        return (request, e) -> {
            LOG.warn("{} {}: {}", request.getMethod(), request.getPath(), e.getMessage());
            return retryLater(new ErrorBody(OVERLOADED,
                    "Too many clips are being analysed right now; try again in a few seconds"), e.retryAfterSeconds());
        };
    }

    private static HttpResponse<ErrorBody> retryLater(ErrorBody body, int seconds) {
        return HttpResponse.<ErrorBody>status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(seconds))
                .body(body);
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
