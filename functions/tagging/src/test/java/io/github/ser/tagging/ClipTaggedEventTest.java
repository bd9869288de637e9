package io.github.ser.tagging;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ser.function.RecognizerProvider;
import io.github.ser.function.testing.JsonLogLines;
import io.github.ser.function.testing.RepoFiles;
import io.github.ser.function.testing.TestBucket;
import io.github.ser.function.testing.S3TestServer;
import io.github.ser.function.testing.TestAudio;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.util.List;
import java.util.Map;

import static io.github.ser.function.testing.S3TestServer.BUCKET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real tagging handler with events on: the real SDK EventBridge client sends {@code PutEvents} to a local HTTP
 * endpoint that records it, and the clip itself sits in a real S3-compatible server.
 */
class ClipTaggedEventTest {

    @RegisterExtension
    static final S3MockExtension S3_MOCK = S3TestServer.extension();

    static FakeEventBridge eventBridge;
    static ApplicationContext context;
    static S3EventHandler handler;
    static S3Client s3;
    static TestBucket bucket;

    @BeforeAll
    static void start() throws Exception {
        eventBridge = new FakeEventBridge();
        Map<String, Object> properties = S3TestServer.properties(S3_MOCK, RepoFiles.model().toString());
        properties.put("ser.events.bus", "default");
        properties.put("ser.events.endpoint", eventBridge.endpoint().toString());
        properties.put("ser.events.region", "us-east-1");
        context = ApplicationContext.run(properties);
        handler = new S3EventHandler(context);
        s3 = context.getBean(S3Client.class);
        bucket = new TestBucket(s3, BUCKET);
    }

    @AfterAll
    static void stop() {
        context.close();
        eventBridge.close();
    }

    @BeforeEach
    void clear() {
        eventBridge.requests().clear();
        eventBridge.rejecting = false;
    }

    @Test
    void aTaggedClipIsAnnouncedOnTheDefaultBusWithWhatItWasTagged() {
        needsTheModel();
        String key = "uploads/events/angry é.wav";
        bucket.put(key, RepoFiles.sharedBytes(TestAudio.SAMPLE_WAV));

        handler.handleRequest(S3Events.put(BUCKET, key), null);

        List<JsonNode> entries = eventBridge.entries();
        assertEquals(1, entries.size(), eventBridge.requests().toString());
        assertTrue(eventBridge.requests().get(0).authorization().startsWith("AWS4-HMAC-SHA256 "),
                "signed like any AWS call");
        JsonNode entry = entries.get(0);
        assertEquals("default", entry.get("EventBusName").asText());
        assertEquals("io.github.ser", entry.get("Source").asText());
        assertEquals("Clip Tagged", entry.get("DetailType").asText());
        assertEquals("arn:aws:s3:::" + BUCKET + "/" + key, entry.get("Resources").get(0).asText());
        JsonNode detail = FakeEventBridge.detail(entry);
        Map<String, String> tags = bucket.tags(key);
        assertEquals(BUCKET, detail.get("bucket").asText());
        assertEquals(key, detail.get("key").asText());
        assertEquals("done", detail.get("status").asText());
        assertEquals(tags.get("emotion"), detail.get("emotion").asText());
        assertEquals(Double.parseDouble(tags.get("emotion-confidence")), detail.get("confidence").asDouble());
        assertEquals(tags.get("emotion-model"), detail.get("model").asText());
        assertEquals("results/events/angry é.wav.json", detail.get("resultKey").asText());
        assertFalse(detail.has("error"));
        // events/clip-tagged.json, the sample a rule's target receives, has exactly these fields
        JsonNode sample = FakeEventBridge.read(RepoFiles.event("clip-tagged.json"));
        assertEquals(fieldNames(sample.get("detail")), fieldNames(detail));
        assertEquals(sample.get("source").asText(), entry.get("Source").asText());
        assertEquals(sample.get("detail-type").asText(), entry.get("DetailType").asText());
    }

    /** ClipTelemetry and ClipEvents both hook the tagging path: one clip gets its JSON log line and its event. */
    @Test
    void aTaggedClipGetsBothItsEventAndItsTelemetryLineWithTheSameAnswer() throws Exception {
        needsTheModel();
        String key = "uploads/events/both.wav";
        bucket.put(key, RepoFiles.sharedBytes(TestAudio.SAMPLE_WAV));
        JsonNode line = null;
        try (JsonLogLines logs = new JsonLogLines()) {
            handler.handleRequest(S3Events.put(BUCKET, key), null);
            for (String text : logs.lines()) {
                JsonNode json = new ObjectMapper().readTree(text);
                if (key.equals(json.path("clipKey").asText())) {
                    line = json;
                }
            }
        }
        assertEquals(1, eventBridge.entries().size(), eventBridge.requests().toString());
        JsonNode detail = FakeEventBridge.detail(eventBridge.entries().get(0));
        assertTrue(line != null, "a ClipTelemetry line for " + key);
        assertEquals("tagging", line.get("service").asText());
        assertEquals("done", line.get("outcome").asText());
        assertEquals(detail.get("emotion").asText(), line.get("emotion").asText());
        assertEquals(detail.get("model").asText(), line.get("model").asText());
        assertTrue(line.has("coldStart") && line.has("_aws"), line.toString());
    }

    private static java.util.Set<String> fieldNames(JsonNode node) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void aClipThatCannotBeAnalysedIsAnnouncedAsFailedWithItsErrorCode() {
        needsTheModel();
        String key = "uploads/events/notes.txt";
        bucket.put(key, TestAudio.notAudio());

        handler.handleRequest(S3Events.put(BUCKET, key), null);

        JsonNode detail = FakeEventBridge.detail(eventBridge.entries().get(0));
        assertEquals("failed", detail.get("status").asText());
        assertEquals("unsupported_format", detail.get("error").asText());
        assertEquals(context.getBean(RecognizerProvider.class).get().modelVersion(), detail.get("model").asText());
        assertFalse(detail.has("emotion"));
    }

    @Test
    void aRejectedEventFailsTheInvocationSoLambdaRetriesIt() {
        needsTheModel();
        String key = "uploads/events/retry.wav";
        bucket.put(key, RepoFiles.sharedBytes(TestAudio.SAMPLE_WAV));
        eventBridge.rejecting = true;

        TaggingFailedException failed = assertThrows(TaggingFailedException.class,
                () -> handler.handleRequest(S3Events.put(BUCKET, key), null));

        assertTrue(failed.getSuppressed()[0].getMessage().contains("InternalFailure"), failed.getSuppressed()[0].getMessage());
        assertTrue(eventBridge.requests().size() >= 1);
    }

    @Test
    void withoutABusThereIsNoEventBridgeClientAtAll() {
        try (ApplicationContext quiet = ApplicationContext.run(S3TestServer.properties(S3_MOCK, RepoFiles.model().toString()))) {
            assertFalse(quiet.containsBean(EventBridgeClient.class));
            assertFalse(quiet.getBean(ClipEvents.class).enabled());
        }
    }

    private static void needsTheModel() {
        RepoFiles.requireModel();
    }

}
