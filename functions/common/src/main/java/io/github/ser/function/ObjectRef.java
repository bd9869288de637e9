package io.github.ser.function;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * One S3 object version.
 *
 * @param bucket    bucket name
 * @param key       decoded object key
 * @param versionId version from the event, or null for the latest (unversioned buckets have none)
 */
@Serdeable
public record ObjectRef(String bucket, String key, @Nullable String versionId) {
    public ObjectRef {
        if (versionId != null && (versionId.isBlank() || versionId.equals("null"))) {
            versionId = null;
        }
    }

    public ObjectRef(String bucket, String key) {
        this(bucket, key, null);
    }
}
