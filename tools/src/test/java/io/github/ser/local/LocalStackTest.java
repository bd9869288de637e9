package io.github.ser.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ser.function.SerConfiguration;
import io.github.ser.function.testing.JsonLogLines;
import io.github.ser.function.testing.RepoFiles;
import io.github.ser.function.testing.TestAudio;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The local stack as a newcomer uses it: an S3 client uploads, the watcher and the real handler tag; curl predicts. */
@ExtendWith(SharedLocalStack.class)
class LocalStackTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<String> LABELS =
            List.of("neutral", "calm", "happy", "sad", "angry", "fearful", "disgust", "surprised");

    @Test
    void anUploadIsTaggedWithinSecondsAndAgreesWithPredict(LocalStack stack) throws Exception {
        S3Client s3 = stack.context().getBean(S3Client.class);
        byte[] clip = RepoFiles.sharedBytes(TestAudio.SAMPLE_WAV);
        String key = "uploads/local stack été.wav";     // a space and non-ASCII: the event carries it URL-encoded
        s3.putObject(b -> b.bucket(stack.bucket()).key(key).contentType("audio/wav"), RequestBody.fromBytes(clip));

        Map<String, String> tags = awaitTags(s3, stack.bucket(), key, Duration.ofSeconds(20));
        assertTrue(LABELS.contains(tags.get("emotion")), "emotion tag: " + tags);
        assertTrue(tags.containsKey("emotion-confidence") && tags.containsKey("emotion-model"), tags.toString());

        String resultKey = stack.context().getBean(SerConfiguration.class).resultKey(key);
        // the tagging service writes the result just after the tags, so it may be a moment behind them
        JsonNode result = JSON.readTree(awaitObject(s3, stack.bucket(), resultKey, Duration.ofSeconds(10)));
        assertTrue(result.toString().contains("\"" + tags.get("emotion") + "\""), result.toString());

        HttpResponse<String> predicted = HTTP.send(HttpRequest.newBuilder(URI.create(stack.url() + "/predict"))
                .header("Content-Type", "audio/wav").header("x-api-key", SharedLocalStack.API_KEY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(clip)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, predicted.statusCode(), predicted.body());
        assertEquals(tags.get("emotion"), JSON.readTree(predicted.body()).get("emotion").asText(),
                "the same clip gets the same answer from the API and from the bucket");
    }

    @Test
    void badAudioInTheBucketIsTaggedAsFailedNotRetriedForever(LocalStack stack) throws Exception {
        S3Client s3 = stack.context().getBean(S3Client.class);
        String key = "uploads/not-audio.wav";
        s3.putObject(b -> b.bucket(stack.bucket()).key(key), RequestBody.fromBytes(TestAudio.notAudio()));
        Map<String, String> tags = awaitTags(s3, stack.bucket(), key, Duration.ofSeconds(20));
        assertEquals("failed", tags.get("emotion-status"), tags.toString());
        assertEquals("unsupported_format", tags.get("emotion-error"), tags.toString());
    }

    @Test
    void servesTheWebPageAndTheApiOnOnePort(LocalStack stack) throws Exception {
        HttpResponse<String> page = get(stack.url() + "/");
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("content-type").orElse("").startsWith("text/html"));
        assertTrue(page.body().contains("How does your voice sound?"), "the recorder page");
        HttpResponse<String> module = get(stack.url() + "/js/recorder-worklet.js");
        assertEquals(200, module.statusCode());
        assertTrue(module.headers().firstValue("content-type").orElse("").contains("javascript"),
                "ES modules need a JavaScript MIME type: " + module.headers().map());
        HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create(stack.url() + "/health"))
                .header("x-api-key", SharedLocalStack.API_KEY).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode(), health.body());
        assertEquals(LABELS.size(), JSON.readTree(health.body()).get("labels").size());
    }

    @Test
    void theApiNeedsTheKeyLikeApiGatewayButThePageAndPreflightsDoNot(LocalStack stack) throws Exception {
        for (String path : List.of("/health", "/results/uploads/x.wav")) {
            HttpResponse<String> refused = get(stack.url() + path);
            assertEquals(403, refused.statusCode(), path);
            assertEquals("api_key_required", JSON.readTree(refused.body()).get("error").asText(), refused.body());
        }
        HttpResponse<String> wrongKey = HTTP.send(HttpRequest.newBuilder(URI.create(stack.url() + "/predict"))
                .header("x-api-key", "guess").header("Content-Type", "audio/wav")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[]{1})).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, wrongKey.statusCode());
        HttpResponse<String> preflight = preflight(stack, stack.url().toString());
        assertEquals(200, preflight.statusCode(), preflight.body());
        assertEquals(200, get(stack.url() + "/").statusCode(), "the page itself needs no key");
    }

    @Test
    void noOtherSitesPageMayCallTheLocalApiThroughItsVisitorsBrowser(LocalStack stack) throws Exception {
        HttpResponse<String> elsewhere = preflight(stack, "http://elsewhere.example");
        assertTrue(elsewhere.headers().firstValue("Access-Control-Allow-Origin").isEmpty(), elsewhere.headers().toString());
        assertEquals(stack.url().toString(), preflight(stack, stack.url().toString()).headers()
                .firstValue("Access-Control-Allow-Origin").orElseThrow(), "the page's own origin");
    }

    private static HttpResponse<String> preflight(LocalStack stack, String origin) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(stack.url() + "/uploads"))
                .header("Origin", origin).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type,x-api-key")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Issue 19, point 1: the API listens on loopback only, unless --bind opens it. */
    @Test
    void theApiIsNotReachableFromTheNetwork(LocalStack stack) throws Exception {
        assertEquals(200, get(stack.url() + "/").statusCode(), "reachable on loopback");
        java.net.InetAddress outside = java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(nic -> java.util.Collections.list(nic.getInetAddresses()).stream())
                .filter(a -> a instanceof java.net.Inet4Address && !a.isLoopbackAddress())
                .findFirst().orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(outside != null, "this machine has no network address besides loopback");
        int port = stack.url().getPort();
        try (java.net.Socket socket = new java.net.Socket()) {
            org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                    () -> socket.connect(new java.net.InetSocketAddress(outside, port), 2000),
                    "the API answers on " + outside.getHostAddress() + ":" + port);
        }
    }

    /** Issue 19, point 7: longer than Netty reads, as API Gateway answers it, not a 413. */
    @Test
    void anOverLongUrlIsAJson414(LocalStack stack) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(stack.url() + "/results/uploads/"
                + "a".repeat(10_000))).header("x-api-key", SharedLocalStack.API_KEY).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(414, response.statusCode(), response.body());
        assertEquals("uri_too_long", JSON.readTree(response.body()).get("error").asText(), response.body());
    }

    @Test
    void thePageGetsTheDeployedSecurityHeadersItsLocalSettingsAndTheContract(LocalStack stack) throws Exception {
        HttpResponse<String> page = get(stack.url() + "/");
        String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("connect-src 'self' " + stack.s3Endpoint()), csp);
        assertTrue(csp.contains("frame-ancestors 'none'"), csp);
        assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertEquals("DENY", page.headers().firstValue("X-Frame-Options").orElse(""));

        HttpResponse<String> config = get(stack.url() + "/config.js");
        assertEquals(LocalPageController.CONFIG, config.body(), "the local settings, not web/config.js");
        HttpResponse<String> contract = get(stack.url() + "/openapi.yaml");
        assertEquals(200, contract.statusCode());
        assertTrue(contract.body().startsWith("openapi: 3."), contract.body());
    }

    @Test
    void logsAreJsonLinesWithTheRequestIdColdStartClipKeyModelOutcomeTimingsAndMetrics(LocalStack stack) throws Exception {
        try (JsonLogLines logs = new JsonLogLines()) {
            S3Client s3 = stack.context().getBean(S3Client.class);
            String key = "uploads/logged.wav";
            s3.putObject(b -> b.bucket(stack.bucket()).key(key), RequestBody.fromBytes(RepoFiles.sharedBytes(TestAudio.SAMPLE_WAV)));
            awaitTags(s3, stack.bucket(), key, Duration.ofSeconds(20));

            // each event as ./ser serve writes it: with the functions' logback.xml (tests run with logback-test.xml);
            // the clip's line is written after its tags, by a watcher thread, so it may trail them a little
            JsonNode line = null;
            List<String> lines = List.of();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (line == null && System.nanoTime() < deadline) {
                lines = logs.lines();
                for (String text : lines) {
                    assertTrue(text.endsWith("\n") && text.indexOf('\n') == text.length() - 1, "one line: " + text);
                    JsonNode json = JSON.readTree(text);      // every line is JSON
                    if (key.equals(json.path("clipKey").asText())) {
                        line = json;
                    }
                }
                if (line == null) {
                    Thread.sleep(50);
                }
            }
            assertTrue(line != null, "a line for the clip among " + lines.size());
            JsonNode logged = line;
            for (String field : List.of("timestamp", "level", "message", "AWSRequestId", "coldStart", "service", "model",
                    "emotion", "outcome", "AudioSeconds", "DecodeMillis", "FeaturesMillis", "ClassifyMillis", "Clips")) {
                assertTrue(line.has(field), field + " in " + line);
            }
            assertEquals("done", line.get("outcome").asText());
            JsonNode metrics = line.get("_aws").get("CloudWatchMetrics");
            assertEquals("SpeechEmotion", metrics.get(0).get("Namespace").asText());
            for (JsonNode directive : metrics) {
                directive.get("Dimensions").get(0).forEach(d -> assertTrue(logged.has(d.asText()), "dimension " + d));
                directive.get("Metrics").forEach(m -> assertTrue(logged.get(m.get("Name").asText()).isNumber(), "metric " + m));
            }
        }
    }

    @Test
    void theLoadCheckMeasuresTheRunningApi(LocalStack stack) throws Exception {
        byte[] clip = RepoFiles.sharedBytes(TestAudio.SAMPLE_WAV);
        LoadCheck.Report report = LoadCheck.run(URI.create(stack.url() + "/predict"), clip, 6, 2, SharedLocalStack.API_KEY);
        assertEquals(6, report.succeeded(), report.format());
        assertTrue(report.errors().isEmpty(), report.format());
        assertTrue(report.percentile(50) > 0 && report.percentile(50) <= report.percentile(99), report.format());
    }

    /** Its own stack, so it can be stopped: nothing may be left running or listening afterwards. */
    @Test
    void closingStopsS3MockAndFreesThePorts() throws Exception {
        int http = SharedLocalStack.freePort();
        int s3 = SharedLocalStack.freePort();
        LocalStackSettings settings = LocalStackSettings.parse(new String[]{
                "--http-port=" + http, "--s3-port=" + s3, "--web-dir=" + RepoFiles.root().resolve("web"),
                "--model=" + RepoFiles.model()}, Map.of());
        LocalStack stack = LocalStack.start(settings);
        Optional<ProcessHandle> s3Mock = ProcessHandle.current().children()
                .filter(p -> p.pid() == stack.s3Pid()).findFirst();
        assertTrue(s3Mock.isPresent(), "S3Mock runs as a child process");
        stack.close();
        assertFalse(s3Mock.get().isAlive(), "S3Mock stopped");
        assertTrue(becomesFree(http, Duration.ofSeconds(5)) && becomesFree(s3, Duration.ofSeconds(5)),
                "both ports free again");
        stack.close();   // twice is harmless (Ctrl-C after close)
    }

    private static byte[] awaitObject(S3Client s3, String bucket, String key, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
            } catch (NoSuchKeyException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                Thread.sleep(100);
            }
        }
    }

    private static Map<String, String> awaitTags(S3Client s3, String bucket, String key, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, String> tags = new HashMap<>();
        while (System.nanoTime() < deadline) {
            try {
                tags.clear();
                s3.getObjectTagging(b -> b.bucket(bucket).key(key)).tagSet().forEach(t -> tags.put(t.key(), t.value()));
            } catch (NoSuchKeyException notYet) {
                // the object is still being written
            }
            if (tags.containsKey("emotion") || tags.containsKey("emotion-status")) {
                return tags;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no emotion tags on s3://" + bucket + "/" + key + " within " + timeout + ": " + tags);
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The OS may take a moment to release a just-closed listening socket. */
    private static boolean becomesFree(int port, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!isFree(port)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
