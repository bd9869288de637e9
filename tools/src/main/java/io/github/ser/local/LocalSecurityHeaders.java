package io.github.ser.local;

import io.github.ser.function.SerConfiguration;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.net.URI;

/**
 * The security headers CloudFront's response-headers policy adds in the template ({@code WebSecurityHeaders}), on
 * every answer of the local stack, so the page is developed and tested under the policy it is deployed with. The one
 * difference: the local page may be pointed at another API ({@code ?api=}), so {@code connect-src} allows that too.
 * HSTS is left out: browsers ignore it over plain HTTP.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Requires(env = "local")
class LocalSecurityHeaders {
    private final String contentSecurityPolicy;

    LocalSecurityHeaders(SerConfiguration config) {
        URI s3 = config.getS3Endpoint();
        String bucketOrigin = s3 == null ? "https://*.amazonaws.com" : s3.getScheme() + "://" + s3.getRawAuthority();
        this.contentSecurityPolicy = contentSecurityPolicy(bucketOrigin, "https: http://localhost:*");
    }

    /**
     * The template's policy: the page's own files, and connections only to its own origin (where the API is) and the
     * clip bucket, plus {@code otherApis} ({@code ""} for none, as deployed).
     */
    static String contentSecurityPolicy(String bucketOrigin, String otherApis) {
        String connect = ("'self' " + bucketOrigin + " " + otherApis).trim();
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; media-src 'self' blob:; "
                + "connect-src " + connect + "; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    }

    @ResponseFilter
    void add(MutableHttpResponse<?> response) {
        response.header("Content-Security-Policy", contentSecurityPolicy);
        response.header("X-Content-Type-Options", "nosniff");
        response.header("X-Frame-Options", "DENY");
        response.header("Referrer-Policy", "no-referrer");
        response.header("Permissions-Policy", "microphone=(self), camera=(), geolocation=()");
    }
}
