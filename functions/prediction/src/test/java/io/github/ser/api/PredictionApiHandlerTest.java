package io.github.ser.api;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.adobe.testing.s3mock.junit5.S3MockExtension;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ser.function.RecognizerProvider;
import io.github.ser.function.SerConfiguration;
import io.github.ser.function.testing.RepoFiles;
import io.github.ser.function.testing.S3TestServer;
import io.github.ser.function.testing.TestAudio;
import io.github.ser.testing.CompressedClips;
import io.github.ser.Prediction;
import io.github.ser.tagging.TaggingService;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import io.micronaut.function.aws.proxy.payload1.ApiGatewayProxyRequestEventFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.github.ser.function.testing.S3TestServer.BUCKET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The prediction API as deployed: Micronaut's API Gateway (REST, payload 1.0) handler, fed with the events in
 * {@code events/} and variants of them, through its real event-to-request translation; S3 is a real server.
 */
class PredictionApiHandlerTest {

    @RegisterExtension
    static final S3MockExtension S3_MOCK = S3TestServer.extension();

    static final ObjectMapper JSON = new ObjectMapper();
    static ApiGatewayProxyRequestEventFunction handler;
    static ApplicationContext context;

    @BeforeAll
    static void start() {
        handler = lambda(Map.of());
        context = handler.getApplicationContext();
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    /** As Lambda builds it (function environment, PredictionHandler's context), with S3 pointed at the test server. */
    static ApiGatewayProxyRequestEventFunction lambda(Map<String, Object> overrides) {
        return lambda(S3_MOCK, overrides);
    }

    static ApiGatewayProxyRequestEventFunction lambda(S3MockExtension s3, Map<String, Object> overrides) {
        Map<String, Object> properties = new HashMap<>(S3TestServer.properties(s3, RepoFiles.model().toString()));
        properties.putAll(overrides);
        ApplicationContextBuilder builder = ApplicationContext.builder().properties(properties);
        return new PredictionHandler(PredictionHandler.lambdaContext(builder).build());
    }

    // ---- predictions (need the model)

    @Test
    void theSampleEventGetsAPrediction() throws Exception {
        assumeModel();
        Reply reply = call(ApiEvents.file("api-predict.json"));

        assertEquals(200, reply.status, reply.body.toString());
        List<String> labels = recognizer().labels();
        assertTrue(labels.contains(reply.body.get("emotion").asText()));
        assertEquals(labels.size(), reply.body.get("probabilities").size());
        assertEquals(3.0, reply.body.get("durationSeconds").asDouble(), 0.01);
        assertEquals(recognizer().modelVersion(), reply.body.get("model").asText());
        assertTrue(reply.body.get("confidence").asDouble() > 0);
    }

    @Test
    void aWavAndTheSameWavInAFormGetTheSameAnswer() throws Exception {
        assumeModel();
        byte[] wav = RepoFiles.sharedBytes(TestAudio.SAMPLE_WAV);

        Reply raw = call(ApiEvents.predict(wav, "audio/wav"));
        Reply form = call(ApiEvents.predict(Multipart.form("audio", "clip.wav", wav), Multipart.CONTENT_TYPE));

        assertEquals(200, raw.status, raw.body.toString());
        assertEquals(200, form.status, form.body.toString());
        assertEquals(raw.body.get("probabilities"), form.body.get("probabilities"));
        assertEquals(recognizer().recognize(wav).emotion(), raw.body.get("emotion").asText());
    }

    @Test
    void flacAndOctetStreamAreAccepted() throws Exception {
        assumeModel();
        Reply flac = call(ApiEvents.predict(RepoFiles.sharedBytes(TestAudio.SAMPLE_FLAC), "audio/flac"));
        Reply octets = call(ApiEvents.predict(RepoFiles.sharedBytes(TestAudio.SAMPLE_WAV), "application/octet-stream"));

        assertEquals(200, flac.status, flac.body.toString());
        assertEquals(200, octets.status, octets.body.toString());
        assertTrue(flac.body.get("durationSeconds").asDouble() > 3);
    }

    /** Phones' and browsers' formats through API Gateway's proxy translation: the engine's own answer for each. */
    @Test
    void compressedClipsGetTheSamePredictionAsTheEngineGives() throws Exception {
        assumeModel();
        for (CompressedClips.Clip clip : CompressedClips.ALL) {
            Reply reply = call(ApiEvents.predict(clip.bytes(), clip.contentType()));

            assertEquals(200, reply.status, clip.name() + ": " + reply.body);
            Prediction engine = recognizer().recognize(clip.bytes());
            assertEquals(engine.emotion(), reply.body.get("emotion").asText(), clip.name());
            assertEquals(engine.confidence(), reply.body.get("confidence").asDouble(), 1e-9, clip.name());
        }
    }

    @Test
    void badClipsGetTheirCodeAndA4xxStatus() throws Exception {
        assumeModel();
        assertError(call(ApiEvents.predict(new byte[0], "audio/wav")), 400, "empty_audio");
        assertError(call(ApiEvents.predict(TestAudio.truncatedHeader(), "audio/wav")), 400, "corrupt_audio");
        assertError(call(ApiEvents.predict(TestAudio.notAudio(), "audio/wav")), 415, "unsupported_format");
        assertError(call(ApiEvents.predict(TestAudio.silence(2, 16000), "audio/wav")), 422, "silent");
        assertError(call(ApiEvents.predict(TestAudio.wav16(new float[]{0.5f, -0.5f}, 16000), "audio/wav")),
                422, "too_short");
    }

    @Test
    void everyPredictionLogsOneTelemetryLineCarryingApiGatewaysRequestId() throws Exception {
        assumeModel();
        Logger ours = (Logger) LoggerFactory.getLogger("io.github.ser");
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        ours.addAppender(captured);
        try {
            APIGatewayProxyRequestEvent event = ApiEvents.file("api-predict.json");
            assertEquals(200, call(event).status);
            String requestId = event.getRequestContext().getRequestId();
            var lines = captured.list.stream().filter(e -> requestId.equals(e.getMDCPropertyMap().get("apiRequestId"))).toList();
            var clip = lines.stream().filter(e -> e.getLoggerName().endsWith("ClipTelemetry")).findFirst().orElseThrow(
                    () -> new AssertionError("no telemetry line with the request id among " + captured.list));
            assertTrue(clip.getMDCPropertyMap().containsKey("coldStart"), clip.getMDCPropertyMap().toString());
            assertTrue(clip.getFormattedMessage().startsWith("predict"), clip.getFormattedMessage());
            assertTrue(lines.stream().anyMatch(e -> e.getLoggerName().endsWith("RequestTelemetry")
                    && e.getFormattedMessage().equals("POST /predict -> 200")), "the request line: " + lines);
        } finally {
            ours.detachAppender(captured);
        }
    }

    // ---- refusals before the model is involved

    @Test
    void anythingButAudioIsRefusedWith415() throws Exception {
        assertError(call(ApiEvents.predict("hello".getBytes(), "text/plain")), 415, "unsupported_media_type");
        assertError(call(ApiEvents.predict("{\"audio\":1}".getBytes(), "application/json")), 415, "unsupported_media_type");
        APIGatewayProxyRequestEvent noType = ApiEvents.predict(new byte[]{1, 2}, "audio/wav");
        noType.getHeaders().remove("Content-Type");
        noType.getMultiValueHeaders().remove("Content-Type");
        assertError(call(noType), 415, "unsupported_media_type");
    }

    @Test
    void aBodyAboveTheLimitIsRefusedWith413AndPointsToUploads() throws Exception {
        long limit = context.getBean(SerConfiguration.class).getMaxRequestBytes();
        assertEquals(SerConfiguration.DEFAULT_MAX_REQUEST_BYTES, limit);
        // what API Gateway hands over: base64 of the body, well below Lambda's 6 MB event limit
        assertTrue(Base64.getEncoder().encodeToString(new byte[(int) limit]).length() < 6_291_456 - 10_000);

        Reply reply = call(ApiEvents.predict(new byte[(int) limit + 1], "audio/wav"));

        assertError(reply, 413, "too_large");
        assertTrue(reply.body.get("message").asText().contains("/uploads"), reply.body.toString());
    }

    @Test
    void aFormWithoutTheAudioFieldIsABadRequest() throws Exception {
        Reply reply = call(ApiEvents.predict(Multipart.form("file", "clip.wav", new byte[]{1, 2, 3}), Multipart.CONTENT_TYPE));
        assertError(reply, 400, "bad_request");
        assertTrue(reply.body.get("message").asText().contains("'audio'"));
    }

    @Test
    void unknownRoutesAndMethodsAnswerInTheSameJsonShape() throws Exception {
        assertError(call(ApiEvents.request("GET", "/nowhere", "/{proxy+}")), 404, "not_found");
        assertError(call(ApiEvents.request("GET", "/predict", "/predict")), 405, "method_not_allowed");
        assertError(call(ApiEvents.json("POST", "/uploads", "{not json")), 400, "bad_request");
    }

    @Test
    void healthNamesTheModelItsLabelsAndTheLimits() throws Exception {
        assumeModel();
        Reply reply = call(ApiEvents.file("api-health.json"));

        assertEquals(200, reply.status, reply.body.toString());
        assertEquals(recognizer().modelVersion(), reply.body.get("model").asText());
        assertEquals(8, reply.body.get("labels").size());
        assertEquals(SerConfiguration.DEFAULT_MAX_REQUEST_BYTES, reply.body.get("limits").get("maxPredictBytes").asLong());
        assertEquals(io.github.ser.RecognizerSettings.DEFAULT_MIN_DURATION_SECONDS,
                reply.body.get("limits").get("minDurationSeconds").asDouble());
    }

    @Test
    void withoutAModelTheApiSaysSoWith503() throws Exception {
        ApiGatewayProxyRequestEventFunction broken = lambda(Map.of("ser.model-path", "/nonexistent/emotion-model.zip"));
        try {
            assertError(reply(broken.handleRequest(ApiEvents.file("api-health.json"), new MockLambdaContext())),
                    503, "model_unavailable");
            assertError(reply(broken.handleRequest(ApiEvents.file("api-predict.json"), new MockLambdaContext())),
                    503, "model_unavailable");
        } finally {
            broken.getApplicationContext().close();
        }
    }

    @Test
    void corsAllowsAnyOriginByDefaultAndOnlyTheConfiguredOneWhenSet() throws Exception {
        assertEquals("https://any.example.com", allowedOrigin(handler, "https://any.example.com"));

        ApiGatewayProxyRequestEventFunction strict = lambda(Map.of("ser.allowed-origin", "https://recorder.example.com"));
        try {
            assertEquals("https://recorder.example.com", allowedOrigin(strict, "https://recorder.example.com"));
            assertNull(allowedOrigin(strict, "https://elsewhere.example.com"));
        } finally {
            strict.getApplicationContext().close();
        }
    }

    static String allowedOrigin(ApiGatewayProxyRequestEventFunction api, String origin) {
        APIGatewayProxyRequestEvent event = ApiEvents.withHeader(ApiEvents.json("POST", "/uploads", "{\"size\": 4}"), "Origin", origin);
        APIGatewayProxyResponseEvent response = api.handleRequest(event, new MockLambdaContext());
        assertEquals(201, response.getStatusCode(), response.getBody());
        if (header(response, "Access-Control-Allow-Origin") != null) {
            assertEquals("Retry-After", header(response, "Access-Control-Expose-Headers"),
                    "the page on another origin must be able to read how long to wait");
        }
        return header(response, "Access-Control-Allow-Origin");
    }

    // ---- uploads and results

    @Test
    void uploadsHandsOutAPresignedPutThatWorksAndResultsSaysNotReadyUntilTagged() throws Exception {
        byte[] clip = RepoFiles.sharedBytes(TestAudio.SAMPLE_WAV);
        Reply ticket = call(ApiEvents.json("POST", "/uploads",
                "{\"size\":" + clip.length + ",\"contentType\":\"audio/wav\",\"fileName\":\"take 1.wav\"}"));

        assertEquals(201, ticket.status, ticket.body.toString());
        String key = ticket.body.get("key").asText();
        assertTrue(key.matches("uploads/[0-9a-f-]{36}\\.wav"), key);
        assertEquals("PUT", ticket.body.get("method").asText());
        assertEquals("audio/wav", ticket.body.get("headers").get("Content-Type").asText());
        assertEquals("*", ticket.body.get("headers").get("If-None-Match").asText(), "a URL cannot overwrite");
        assertEquals(clip.length, ticket.body.get("contentLength").asLong());
        assertTrue(ticket.body.get("url").asText().contains("content-length"), "the size is signed: " + ticket.body);
        assertTrue(ticket.body.get("expiresInSeconds").asLong() > 0);

        HttpResponse<String> put = putTo(ticket.body, clip);
        assertEquals(200, put.statusCode(), put.body());
        assertTrue(context.getBean(S3Client.class).headObject(b -> b.bucket(BUCKET).key(key)).contentLength() > 0);

        assertError(call(ApiEvents.request("GET", "/results/" + key, "/results/{key+}")), 404, "not_ready");
        assertError(call(ApiEvents.request("GET", "/results/uploads/never.wav", "/results/{key+}")), 404, "not_found");
    }

    @Test
    void resultsShowTheTagsAndResultOnceTheTaggingFunctionHasRun() throws Exception {
        assumeModel();
        byte[] clip = RepoFiles.sharedBytes(TestAudio.SAMPLE_WAV);
        Reply ticket = call(ApiEvents.json("POST", "/uploads", "{\"size\":" + clip.length + "}"));   // type: audio/wav
        assertEquals(201, ticket.status, ticket.body.toString());
        String key = ticket.body.get("key").asText();
        assertEquals(200, putTo(ticket.body, clip).statusCode());
        // the owner's own tag, for another purpose: not ours to show
        context.getBean(S3Client.class).putObjectTagging(b -> b.bucket(BUCKET).key(key)
                .tagging(t -> t.tagSet(s -> s.key("owner").value("alice"))));

        context.getBean(TaggingService.class).process(BUCKET, key);
        // with or without the upload prefix
        Reply full = call(ApiEvents.request("GET", "/results/" + key, "/results/{key+}"));
        Reply bare = call(ApiEvents.request("GET", "/results/" + key.substring("uploads/".length()), "/results/{key+}"));

        assertEquals(200, full.status, full.body.toString());
        assertEquals(full.body, bare.body);
        assertEquals(key, full.body.get("key").asText());
        assertEquals("done", full.body.get("status").asText());
        String emotion = full.body.get("tags").get("emotion").asText();
        full.body.get("tags").fieldNames().forEachRemaining(tag -> assertTrue(tag.startsWith("emotion"), tag));
        assertEquals(3, full.body.get("tags").size(), "emotion, emotion-confidence, emotion-model: " + full.body);
        assertEquals(emotion, full.body.get("result").get("prediction").get("emotion").asText());
        assertEquals(key, full.body.get("result").get("key").asText());
    }

    @Test
    void aRejectedContentTypeGetsNoUploadUrl() throws Exception {
        assertError(call(ApiEvents.json("POST", "/uploads", "{\"contentType\":\"video/mp4\", \"size\": 1000}")), 415,
                "unsupported_media_type");
    }

    @Test
    void anUploadWithoutASizeOrAboveTheLimitGetsNoUrl() throws Exception {
        long limit = context.getBean(SerConfiguration.class).getMaxUploadBytes();
        Reply none = call(ApiEvents.json("POST", "/uploads", null));
        Reply noSize = call(ApiEvents.json("POST", "/uploads", "{\"contentType\": \"audio/wav\"}"));
        Reply zero = call(ApiEvents.json("POST", "/uploads", "{\"size\": 0}"));
        Reply above = call(ApiEvents.json("POST", "/uploads", "{\"size\": " + (limit + 1) + "}"));
        Reply at = call(ApiEvents.json("POST", "/uploads", "{\"size\": " + limit + "}"));

        assertError(none, 400, "bad_request");
        assertTrue(none.body.get("message").asText().contains("size"), none.body.toString());
        assertError(noSize, 400, "bad_request");
        assertError(zero, 400, "bad_request");
        assertError(above, 413, "too_large");
        assertEquals(201, at.status, at.body.toString());
        assertEquals(limit, at.body.get("contentLength").asLong());
    }

    // ---- helpers

    record Reply(int status, JsonNode body, Map<String, String> headers) {
    }

    static Reply call(APIGatewayProxyRequestEvent event) throws Exception {
        return reply(handler.handleRequest(event, new MockLambdaContext()));
    }

    static Reply reply(APIGatewayProxyResponseEvent response) throws Exception {
        assertFalse(Boolean.TRUE.equals(response.getIsBase64Encoded()), "JSON answers are text, not binary");
        assertEquals("application/json", header(response, "Content-Type"));
        String body = response.getBody();
        assertFalse(body.contains("\tat "), "no stack trace: " + body);
        return new Reply(response.getStatusCode(), JSON.readTree(body), response.getHeaders());
    }

    static String header(APIGatewayProxyResponseEvent response, String name) {
        Map<String, List<String>> multi = response.getMultiValueHeaders();
        if (multi != null) {
            for (var e : multi.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
        }
        if (response.getHeaders() != null) {
            for (var e : response.getHeaders().entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue();
                }
            }
        }
        return null;
    }

    static void assertError(Reply reply, int status, String code) {
        assertEquals(status, reply.status, reply.body.toString());
        assertEquals(code, reply.body.get("error").asText(), reply.body.toString());
        assertFalse(reply.body.get("message").asText().isBlank());
    }

    static HttpResponse<String> putTo(JsonNode ticket, byte[] bytes) throws Exception {
        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(ticket.get("url").asText()))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes));
        ticket.get("headers").fields().forEachRemaining(h -> put.header(h.getKey(), h.getValue().asText()));
        return HttpClient.newHttpClient().send(put.build(), HttpResponse.BodyHandlers.ofString());
    }

    static io.github.ser.EmotionRecognizer recognizer() {
        return context.getBean(RecognizerProvider.class).get();
    }

    static void assumeModel() {
        RepoFiles.requireModel();
    }
}
