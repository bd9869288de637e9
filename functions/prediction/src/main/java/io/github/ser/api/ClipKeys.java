package io.github.ser.api;

import io.github.ser.function.ObjectRef;
import io.github.ser.function.SerConfiguration;
import io.github.ser.function.StorageRefusedException;
import io.micronaut.http.HttpStatus;

import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * The clip key a caller names in {@code /results/{key}} routes: with or without the upload prefix, checked before
 * it reaches S3, and S3 refusing it answered as the caller's mistake.
 */
final class ClipKeys {
    /** S3's own limit for a key: the clip's result key must keep to it. */
    private static final int MAX_KEY_BYTES = 1024;

    private ClipKeys() {
    }

    /** @throws ApiException 400 {@code bad_request} for a key that cannot be a clip's */
    static ObjectRef clip(String key, SerConfiguration config) {
        String clipKey = config.uploadKey(key);
        if (key.isBlank() || Printable.hasControlCharacter(key) || tooLong(clipKey) || tooLong(config.resultKey(clipKey))) {
            throw notAKey(key);
        }
        return new ObjectRef(config.getBucket(), clipKey);
    }

    /** Runs {@code request}, answering S3's refusal of the key as the caller's mistake (400), not our fault. */
    static <T> T callersKey(String key, Supplier<T> request) {
        try {
            return request.get();
        } catch (StorageRefusedException e) {
            if (e.isInvalidRequest()) {
                throw notAKey(key);
            }
            throw e;
        }
    }

    /** {@code 404 not_found}: the caller named a clip that is not there (never uploaded, or expired). */
    static ApiException noSuchClip(ObjectRef clip) {
        return new ApiException(HttpStatus.NOT_FOUND, "not_found", "There is no clip " + clip.key());
    }

    private static ApiException notAKey(String key) {
        return ApiException.badRequest("The key " + Printable.quote(key) + " is not a clip key: use the key /uploads "
                + "returned (S3 takes at most " + MAX_KEY_BYTES + " bytes for it and for its result's key, and no "
                + "control characters)");
    }

    private static boolean tooLong(String key) {
        return key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES;
    }
}
