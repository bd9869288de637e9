package io.github.ser.local;

import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * What API Gateway does in front of the prediction function in the template's default mode, for a local stack started
 * with {@code --api-key}: the API's routes answer {@code 403 api_key_required} (the template's {@code INVALID_API_KEY}
 * gateway response) without the right {@code x-api-key}; CORS preflights, the page and its files need none.
 */
@ServerFilter({"/predict", "/uploads", "/results/**", "/health"})
@Requires(env = "local")
@Requires(property = LocalApiGateway.KEY)
class LocalApiGateway {
    static final String KEY = "ser.local.api-key";
    /** The body of the template's INVALID_API_KEY gateway response (TemplateTest keeps the two equal). */
    static final String REFUSAL =
            "{\"error\": \"api_key_required\", \"message\": \"This API needs a valid API key in the x-api-key header\"}";

    private final byte[] key;

    LocalApiGateway(@Property(name = KEY) String key) {
        this.key = key.getBytes(StandardCharsets.UTF_8);
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> check(HttpRequest<?> request) {
        String given = request.getHeaders().get("x-api-key");
        if (request.getMethod() == HttpMethod.OPTIONS
                || given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), key)) {
            return null;
        }
        return HttpResponse.status(HttpStatus.FORBIDDEN).contentType(MediaType.APPLICATION_JSON_TYPE).body(REFUSAL);
    }
}
