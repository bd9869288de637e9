package io.github.ser.local;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * What only the local stack serves beside the page and the API: the page's settings (the API on the same origin, and
 * {@code ?api=} allowed, for trying the local page against a deployed stack) instead of {@code web/config.js}, and the
 * API's contract, {@code /openapi.yaml}.
 */
@Controller
@Requires(env = "local")
class LocalPageController {
    static final String CONFIG = "window.SER_CONFIG = { apiBase: \"\", allowApiOverride: true };\n";

    @Get(value = "/config.js", produces = "text/javascript")
    String config() {
        return CONFIG;
    }

    @Get(value = "/openapi.yaml", produces = "application/yaml")
    String openApi() {
        try (InputStream in = LocalPageController.class.getResourceAsStream("/openapi.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
