package io.github.ser.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.ser.function.testing.RepoFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The page's sign-in for {@code AuthMode=cognito} (web/js/signin.js) in a real headless Chromium. No local server
 * exists for Cognito, so one small HTTP server plays the three parts the page talks to, each as AWS documents it: the
 * hosted sign-in's {@code /oauth2/authorize} (which sends the browser back with a code) and {@code /oauth2/token}
 * (which hands out tokens only for the verifier whose S256 challenge came with the code), and API Gateway's Cognito
 * authorizer in front of {@code /health} (401 {@code sign_in_required}, the template's gateway response, without the
 * ID token as a bearer token). It serves the committed page files, with a config.js naming the sign-in.
 */
class WebSignInBrowserTest {
    private static final Duration SHORT = Duration.ofSeconds(20);
    private static final String CLIENT_ID = "web-client-id";
    private static final String CODE = "code-from-the-hosted-sign-in";
    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpServer server;
    private String origin;
    private final List<String> tokenRequests = new CopyOnWriteArrayList<>();
    private final List<String> healthAuthorizations = new CopyOnWriteArrayList<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private volatile String challenge;
    private volatile String idToken;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        origin = "http://127.0.0.1:" + server.getAddress().getPort();
        server.createContext("/", this::serve);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void theVisitorSignsInWithPkceAndThePageSendsTheIdTokenToTheApi() {
        try (Browser browser = Browser.denyingMicrophone()) {
            // a code this tab did not ask for (a crafted link) is dropped from the address and never exchanged
            browser.open(origin + "/?code=stolen&state=forged");
            browser.await("#sign-in", SHORT);
            browser.await(d -> "down".equals(browser.find("#api-status").getAttribute("data-state")) ? true : null, SHORT);
            assertEquals("Sign in", browser.text("#sign-in"));
            assertTrue(browser.text("#api-status").contains("signed-in user"), browser.text("#api-status"));
            assertEquals(origin + "/", browser.driver.getCurrentUrl());
            assertEquals(List.of(), tokenRequests);
            assertFalse(healthAuthorizations.isEmpty());
            assertTrue(healthAuthorizations.stream().allMatch(String::isEmpty), "no token to send yet: " + healthAuthorizations);

            browser.find("#sign-in").click();
            browser.await(d -> !problems.isEmpty() || "up".equals(browser.find("#api-status").getAttribute("data-state")) ? true : null, SHORT);
            assertEquals("Sign out ada@example.com", browser.text("#sign-in"));
            assertEquals(origin + "/", browser.driver.getCurrentUrl(), "the single-use code does not stay in the address");
            assertEquals(1, tokenRequests.size());
            assertEquals("Bearer " + idToken, healthAuthorizations.get(healthAuthorizations.size() - 1));
            Object stored = browser.driver.executeScript("return sessionStorage.getItem('ser.idToken')");
            assertEquals(idToken, stored, "kept for this tab only");
            assertEquals(0L, browser.driver.executeScript("return localStorage.length"), "nothing outlives the tab");
            assertEquals(List.of(), problems);
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
        switch (path) {
            case "/auth/oauth2/authorize" -> authorize(exchange, query);
            case "/auth/oauth2/token" -> token(exchange, form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            case "/health" -> health(exchange);
            case "/config.js" -> send(exchange, 200, "text/javascript", "window.SER_CONFIG = {apiBase: \"\", allowApiOverride: false, "
                    + "signIn: {domain: \"" + origin + "/auth\", clientId: \"" + CLIENT_ID + "\"}};");
            default -> page(exchange, path.equals("/") ? "index.html" : path.substring(1));
        }
    }

    /** The hosted sign-in, once the user has typed a password: back to the page with a code and the page's state. */
    private void authorize(HttpExchange exchange, Map<String, String> query) throws IOException {
        if (!"code".equals(query.get("response_type")) || !CLIENT_ID.equals(query.get("client_id"))
                // the callback URL the template registers: the site
                || !(origin + "/").equals(query.get("redirect_uri"))
                || !"S256".equals(query.get("code_challenge_method")) || query.get("code_challenge") == null
                || !String.valueOf(query.get("scope")).contains("openid") || query.get("state") == null) {
            problems.add("authorize " + query);
            send(exchange, 400, "text/plain", "bad authorize request");
            return;
        }
        challenge = query.get("code_challenge");
        exchange.getResponseHeaders().add("Location", query.get("redirect_uri") + "?code=" + CODE + "&state=" + query.get("state"));
        send(exchange, 302, "text/plain", "");
    }

    /** Tokens only for the code, the client, the callback and the verifier whose challenge came with the code. */
    private void token(HttpExchange exchange, Map<String, String> body) throws IOException {
        tokenRequests.add(body.toString());
        boolean valid = "authorization_code".equals(body.get("grant_type")) && CLIENT_ID.equals(body.get("client_id"))
                && CODE.equals(body.get("code")) && (origin + "/").equals(body.get("redirect_uri"))
                && challenge != null && challenge.equals(s256(body.getOrDefault("code_verifier", "")));
        if (!valid) {
            problems.add("token " + body);
            send(exchange, 400, "application/json", "{\"error\": \"invalid_grant\"}");
            return;
        }
        idToken = jwt(Map.of("sub", "user-1", "email", "ada@example.com", "exp", Instant.now().getEpochSecond() + 3600));
        send(exchange, 200, "application/json", JSON.writeValueAsString(Map.of("id_token", idToken,
                "access_token", jwt(Map.of("sub", "user-1")), "refresh_token", "opaque", "expires_in", 3600, "token_type", "Bearer")));
    }

    /** API Gateway's Cognito authorizer: the ID token, or the template's UNAUTHORIZED answer. */
    private void health(HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        healthAuthorizations.add(authorization == null ? "" : authorization);
        if (idToken == null || !("Bearer " + idToken).equals(authorization)) {
            send(exchange, 401, "application/json", "{\"error\": \"sign_in_required\", \"message\": \"This API needs a signed-in user\"}");
            return;
        }
        send(exchange, 200, "application/json", "{\"status\": \"ok\", \"model\": \"test-model\", \"labels\": [\"neutral\"], "
                + "\"storage\": \"ok\", \"limits\": {\"maxPredictBytes\": 4500000, \"maxUploadBytes\": 20971520, "
                + "\"maxDurationSeconds\": 600.0, \"minDurationSeconds\": 0.25}}");
    }

    private void page(HttpExchange exchange, String file) throws IOException {
        Path web = RepoFiles.root().resolve("web");
        Path resolved = web.resolve(file).normalize();
        if (!resolved.startsWith(web) || !Files.isRegularFile(resolved)) {
            send(exchange, 404, "text/plain", "");
            return;
        }
        String type = file.endsWith(".js") ? "text/javascript" : file.endsWith(".css") ? "text/css" : "text/html";
        send(exchange, 200, type, Files.readString(resolved));
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type + "; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> fields = new HashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return fields;
        }
        for (String pair : encoded.split("&")) {
            String[] parts = pair.split("=", 2);
            fields.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                    parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
        }
        return fields;
    }

    private static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** An unsigned JWT: the page reads its claims, and only the (here simulated) authorizer checks signatures. */
    private static String jwt(Map<String, Object> claims) throws IOException {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return base64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + base64.encodeToString(JSON.writeValueAsBytes(claims)) + ".signature";
    }
}
