package io.github.ser.function;

import software.amazon.awssdk.services.s3.model.S3Exception;

import java.util.Set;

/**
 * S3 answered, and refused the request for good: a key it will not take, a bucket that does not exist, access denied
 * (a 4xx other than a missing object and other than the few that pass: throttling, timeouts, clock skew, expired
 * credentials). Repeating the same request cannot help. Still a {@link StorageUnavailableException} for callers that
 * only need to know that S3 did not do what was asked; those that know whose the key is (the API for a caller's key,
 * Batch Operations for a job's task) answer it as the request's fault.
 */
public final class StorageRefusedException extends StorageUnavailableException {
    /** 4xx codes that a later attempt may not get. */
    private static final Set<String> PASSING = Set.of("RequestTimeout", "RequestTimeTooSkewed", "ExpiredToken",
            "OperationAborted", "SlowDown", "Throttling", "ThrottlingException", "TooManyRequests");

    private final int status;
    private final String errorCode;

    StorageRefusedException(String message, S3Exception cause) {
        super(message, cause);
        this.status = cause.statusCode();
        this.errorCode = cause.awsErrorDetails() == null ? null : cause.awsErrorDetails().errorCode();
    }

    /** Whether S3's answer refuses this request for good. */
    static boolean isFinal(S3Exception e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        return e.statusCode() >= 400 && e.statusCode() < 500 && e.statusCode() != 408 && e.statusCode() != 429
                && (code == null || !PASSING.contains(code));
    }

    /** S3 found the request itself malformed (400, 414: the key, for instance), rather than denied or missing. */
    public boolean isInvalidRequest() {
        return status == 400 || status == 414;
    }

    public int status() {
        return status;
    }

    /** S3's error code ({@code InvalidArgument}, {@code NoSuchBucket}, {@code AccessDenied}...), or null. */
    public String errorCode() {
        return errorCode;
    }
}
