package io.github.ser.api;

import io.github.ser.function.SerConfiguration;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.http.server.cors.CorsOriginConfiguration;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;

/**
 * Opens the API to the web page's origin ({@code ser.allowed-origin}). Done in code because Micronaut only treats
 * its built-in default as "any origin": a configured {@code "*"} would be compared literally.
 */
@Singleton
class CorsSettings implements BeanCreatedEventListener<HttpServerConfiguration.CorsConfiguration> {
    private final SerConfiguration config;

    CorsSettings(SerConfiguration config) {
        this.config = config;
    }

    @Override
    public HttpServerConfiguration.CorsConfiguration onCreated(BeanCreatedEvent<HttpServerConfiguration.CorsConfiguration> event) {
        CorsOriginConfiguration web = new CorsOriginConfiguration();
        if (!config.getAllowedOrigin().equals("*")) {
            web.setAllowedOrigins(List.of(config.getAllowedOrigin()));
        }
        web.setAllowedMethods(List.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.OPTIONS));
        // a page on another origin reads how long to wait after 429 or 503 only if the header is exposed to it
        web.setExposedHeaders(List.of(HttpHeaders.RETRY_AFTER));
        web.setAllowCredentials(false);
        web.setMaxAge(600L);
        HttpServerConfiguration.CorsConfiguration cors = event.getBean();
        cors.setEnabled(true);
        cors.setConfigurations(Map.of("web", web));
        return cors;
    }
}
