package io.github.ser.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ser.api.PredictionHandler;
import io.github.ser.function.testing.RepoFiles;
import io.github.ser.function.testing.TestAudio;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Issue 19, point 1: the key is needed for every spelling of every API route (trailing and doubled slashes,
 * encoded characters, path parameters, a query), over Netty as {@code ./ser serve} answers and through API Gateway's
 * proxy translation (spellings no route serves are refused too: deny by default); with the key, none is refused.
 */
@ExtendWith(SharedLocalStack.class)
class LocalApiKeyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String UPLOAD = "{\"size\": 1000, \"contentType\": \"audio/wav\"}";

    record Call(String method, String path, String contentType, byte[] body) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static List<Call> calls() {
        byte[] wav = RepoFiles.sharedBytes(TestAudio.SAMPLE_WAV);
        byte[] upload = UPLOAD.getBytes(StandardCharsets.UTF_8);
        byte[] label = "{\"emotion\": \"sad\"}".getBytes(StandardCharsets.UTF_8);
        return List.of(
                new Call("POST", "/predict", "audio/wav", wav),
                new Call("POST", "/predict/", "audio/wav", wav),
                new Call("POST", "/predict//", "audio/wav", wav),
                new Call("POST", "/%70redict", "audio/wav", wav),
                new Call("POST", "/predict?x=1", "audio/wav", wav),
                new Call("POST", "/uploads", "application/json", upload),
                new Call("POST", "/uploads/", "application/json", upload),
                new Call("GET", "/health", null, null),
                new Call("GET", "/health/", null, null),
                new Call("GET", "/health/ready", null, null),
                new Call("GET", "/health/ready/", null, null),
                new Call("GET", "/results/uploads/x.wav", null, null),
                new Call("GET", "/results//uploads/x.wav", null, null),
                new Call("PUT", "/results/uploads/x.wav/label", "application/json", label),
                new Call("PUT", "/results//uploads/x.wav/label/", "application/json", label));
    }

    static PredictionHandler lambda;

    @BeforeAll
    static void lambdaWithTheLocalStacksSettings(LocalStack stack) {
        lambda = new PredictionHandler(PredictionHandler.lambdaContext(ApplicationContext.builder()
                .environments("local").properties(stack.properties())).build());
    }

    @AfterAll
    static void stop() {
        lambda.getApplicationContext().close();
    }

    @ParameterizedTest(name = "Netty: {0}")
    @MethodSource("calls")
    void overNettyEverySpellingNeedsTheKey(Call call, LocalStack stack) throws Exception {
        HttpResponse<String> refused = netty(stack, call, null);
        assertRefused(call, refused.statusCode(), refused.body());
        HttpResponse<String> keyed = netty(stack, call, SharedLocalStack.API_KEY);
        assertNotEquals(403, keyed.statusCode(), call + " with the key: " + keyed.body());
    }

    @ParameterizedTest(name = "API Gateway: {0}")
    @MethodSource("calls")
    void throughApiGatewaysTranslationEverySpellingNeedsTheKey(Call call) throws Exception {
        APIGatewayProxyResponseEvent refused = lambda.handleRequest(event(call, null), new MockLambdaContext());
        assertRefused(call, refused.getStatusCode(), refused.getBody());
        APIGatewayProxyResponseEvent keyed = lambda.handleRequest(event(call, SharedLocalStack.API_KEY), new MockLambdaContext());
        assertNotEquals(403, keyed.getStatusCode(), call + " with the key: " + keyed.getBody());
    }

    private static void assertRefused(Call call, int status, String body) throws Exception {
        assertEquals(403, status, call + " without a key: " + body);
        JsonNode json = JSON.readTree(body);
        assertEquals("api_key_required", json.get("error").asText(), body);
    }

    private static HttpResponse<String> netty(LocalStack stack, Call call, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.url() + call.path()))
                .method(call.method(), call.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(call.body()));
        if (call.contentType() != null) {
            request.header("Content-Type", call.contentType());
        }
        if (key != null) {
            request.header("x-api-key", key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The call as API Gateway hands it to Lambda through a {@code /{proxy+}} resource: a variant of events/api-health.json. */
    private static APIGatewayProxyRequestEvent event(Call call, String key) {
        APIGatewayProxyRequestEvent event = LambdaEventSerializers.serializerFor(APIGatewayProxyRequestEvent.class,
                LocalApiKeyTest.class.getClassLoader()).fromJson(RepoFiles.event("api-health.json"));
        int query = call.path().indexOf('?');
        event.setPath(query < 0 ? call.path() : call.path().substring(0, query));
        if (query >= 0) {
            String[] pair = call.path().substring(query + 1).split("=", 2);
            event.setQueryStringParameters(Map.of(pair[0], pair[1]));
            event.setMultiValueQueryStringParameters(Map.of(pair[0], List.of(pair[1])));
        }
        event.setHttpMethod(call.method());
        event.setResource("/{proxy+}");
        event.getRequestContext().setHttpMethod(call.method());
        event.getRequestContext().setResourcePath("/{proxy+}");
        Map<String, String> headers = new HashMap<>(event.getHeaders());
        if (call.contentType() != null) {
            headers.put("Content-Type", call.contentType());
            headers.put("Content-Length", String.valueOf(call.body().length));
            boolean binary = !call.contentType().equals("application/json");
            event.setIsBase64Encoded(binary);
            event.setBody(binary ? Base64.getEncoder().encodeToString(call.body()) : new String(call.body(), StandardCharsets.UTF_8));
        }
        if (key != null) {
            headers.put("x-api-key", key);
        }
        event.setHeaders(headers);
        Map<String, List<String>> multi = new HashMap<>();
        headers.forEach((name, value) -> multi.put(name, List.of(value)));
        event.setMultiValueHeaders(multi);
        return event;
    }
}
