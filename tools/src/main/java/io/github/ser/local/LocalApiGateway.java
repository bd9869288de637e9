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
import io.micronaut.web.router.RouteAttributes;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

/**
 * What API Gateway does in front of the prediction function in the template's default mode, for a local stack started
 * with {@code --api-key}: every route answers {@code 403 api_key_required} (the template's {@code INVALID_API_KEY}
 * gateway response) without the right {@code x-api-key}. Deny by default, decided from the route the router
 * matched, never from how the path is spelt ({@code /predict/}, {@code //predict}, {@code %70redict} reach the same
 * controller): only CORS preflights, the local page's own controller and what no route serves (the page's static files,
 * for {@code GET} and {@code HEAD}) need no key.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Requires(env = "local")
@Requires(property = LocalApiGateway.KEY)
class LocalApiGateway {
    static final String KEY = "ser.local.api-key";
    /** The body of the template's INVALID_API_KEY gateway response (TemplateTest keeps the two equal). */
    static final String REFUSAL =
            "{\"error\": \"api_key_required\", \"message\": \"This API needs a valid API key in the x-api-key header\"}";
    /** Controllers whose routes are the page's, not the API's. */
    private static final Set<Class<?>> PUBLIC_CONTROLLERS = Set.of(LocalPageController.class);
    private static final Set<HttpMethod> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD);

    private final byte[] key;

    LocalApiGateway(@Property(name = KEY) String key) {
        this.key = key.getBytes(StandardCharsets.UTF_8);
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> check(HttpRequest<?> request) {
        if (request.getMethod() == HttpMethod.OPTIONS || isPublic(request) || hasKey(request)) {
            return null;
        }
        return HttpResponse.status(HttpStatus.FORBIDDEN).contentType(MediaType.APPLICATION_JSON_TYPE).body(REFUSAL);
    }

    private static boolean isPublic(HttpRequest<?> request) {
        return RouteAttributes.getRouteInfo(request)
                .map(route -> PUBLIC_CONTROLLERS.contains(route.getDeclaringType()))
                .orElse(READS.contains(request.getMethod()));
    }

    private boolean hasKey(HttpRequest<?> request) {
        String given = request.getHeaders().get("x-api-key");
        return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), key);
    }
}
