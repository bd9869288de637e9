package io.github.ser.function;

/**
 * S3 did not answer in time, refused the connection or failed on its side: our trouble, never the clip's. The API
 * answers {@code 503 storage_unavailable}; the tagging function lets it fail the invocation, so Lambda retries it.
 */
public class StorageUnavailableException extends RuntimeException {
    public static final String CODE = "storage_unavailable";

    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
