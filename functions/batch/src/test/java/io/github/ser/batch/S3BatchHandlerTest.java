package io.github.ser.batch;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import com.amazonaws.services.lambda.runtime.events.S3BatchEventV2;
import com.amazonaws.services.lambda.runtime.events.S3BatchResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ser.AnalysisGate;
import io.github.ser.function.ClipStore;
import io.github.ser.function.RecognizerProvider;
import io.github.ser.function.testing.RepoFiles;
import io.github.ser.function.testing.TestBucket;
import io.github.ser.function.testing.S3TestServer;
import io.github.ser.function.testing.TestAudio;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static io.github.ser.function.testing.S3TestServer.BUCKET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real batch handler fed {@code events/s3-batch.json} (and variants of it) through the Lambda Java runtime's own
 * serializer, against a real S3-compatible server; its answer is serialized the same way and read as JSON, which is
 * what S3 Batch Operations receives.
 */
class S3BatchHandlerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PojoSerializer<S3BatchEventV2> EVENTS =
            LambdaEventSerializers.serializerFor(S3BatchEventV2.class, S3BatchHandlerTest.class.getClassLoader());
    private static final PojoSerializer<S3BatchResponse> ANSWERS =
            LambdaEventSerializers.serializerFor(S3BatchResponse.class, S3BatchHandlerTest.class.getClassLoader());

    @RegisterExtension
    static final S3MockExtension S3_MOCK = S3TestServer.extension();

    static ApplicationContext context;
    static S3BatchHandler handler;
    static S3Client s3;
    static TestBucket bucket;

    @BeforeAll
    static void start() {
        context = ApplicationContext.run(S3TestServer.properties(S3_MOCK, RepoFiles.model().toString()));
        handler = new S3BatchHandler(context);
        s3 = context.getBean(S3Client.class);
        bucket = new TestBucket(s3, BUCKET);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @Test
    void theSampleJobTagsItsClipAndAnswersInTheBatchResultFormat() {
        needsTheModel();
        String key = "uploads/my clip été.wav";   // events/s3-batch.json says uploads/my+clip+%C3%A9t%C3%A9.wav
        bucket.put(key, RepoFiles.sharedBytes(TestAudio.SAMPLE_WAV));

        JsonNode answer = invoke(RepoFiles.event("s3-batch.json").replace("ser-clips-123456789012", BUCKET));

        assertEquals("2.0", answer.get("invocationSchemaVersion").asText());
        assertEquals("YXNkbGZqYWRmaiBhc2RmdW9hZHNmZGpmaGFzbGtkaGZza2RmaAo", answer.get("invocationId").asText());
        assertEquals("PermanentFailure", answer.get("treatMissingKeysAs").asText());
        JsonNode result = answer.get("results").get(0);
        assertEquals("dGFza2lkZ29lc2hlcmUK", result.get("taskId").asText());
        assertEquals("Succeeded", result.get("resultCode").asText(), result.toString());
        Map<String, String> tags = bucket.tags(key);
        assertEquals("done: " + tags.get("emotion"), result.get("resultString").asText());
        assertEquals(context.getBean(RecognizerProvider.class).get().modelVersion(), tags.get("emotion-model"));
    }

    @Test
    void aClipAlreadyTaggedByThisModelIsSkippedUnlessTheJobSaysForce() {
        needsTheModel();
        String key = "uploads/batch/again.flac";
        bucket.put(key, RepoFiles.sharedBytes(TestAudio.SAMPLE_FLAC));
        JsonNode first = invoke(job(false, key)).get("results").get(0);
        assertEquals("Succeeded", first.get("resultCode").asText());
        Map<String, String> tagged = bucket.tags(key);
        String processedAt = processedAt(key);

        JsonNode second = invoke(job(false, key)).get("results").get(0);

        assertEquals("Succeeded", second.get("resultCode").asText());
        assertTrue(second.get("resultString").asText().startsWith("skipped: already tagged by "), second.toString());
        assertEquals(processedAt, processedAt(key), "nothing written again");
        assertEquals(tagged, bucket.tags(key));

        JsonNode forced = invoke(job(true, key)).get("results").get(0);

        assertEquals("Succeeded", forced.get("resultCode").asText());
        assertTrue(forced.get("resultString").asText().startsWith("done: "), forced.toString());
        assertNotEquals(processedAt, processedAt(key), "analysed again");
        assertEquals(tagged, bucket.tags(key), "same tags");
    }

    @Test
    void badClipsMissingObjectsAndRefusedBucketsArePermanentFailures() {
        needsTheModel();
        bucket.put("uploads/batch/notes.txt", TestAudio.notAudio());
        bucket.put("uploads/batch/fine.wav", RepoFiles.sharedBytes(TestAudio.SAMPLE_WAV));
        ObjectNode event = (ObjectNode) read(job(false, "uploads/batch/notes.txt", "uploads/batch/gone.wav",
                "uploads/batch/fine.wav", "uploads/batch/elsewhere.wav"));
        // a bucket that does not exist: S3 answers NoSuchBucket every time (as AccessDenied, or a key it refuses)
        ((ObjectNode) event.get("tasks").get(3)).put("s3Bucket", "no-such-bucket");

        JsonNode results = invoke(event.toString()).get("results");

        assertEquals(4, results.size());
        assertEquals("PermanentFailure", results.get(0).get("resultCode").asText());
        assertEquals("failed: unsupported_format", results.get(0).get("resultString").asText());
        assertEquals(Map.of("emotion-status", "failed", "emotion-error", "unsupported_format"), bucket.tags("uploads/batch/notes.txt"));
        assertEquals("PermanentFailure", results.get(1).get("resultCode").asText());
        assertTrue(results.get(1).get("resultString").asText().startsWith("NoSuchKey: "));
        assertEquals("Succeeded", results.get(2).get("resultCode").asText(), "one task's trouble leaves the others alone");
        assertEquals("PermanentFailure", results.get(3).get("resultCode").asText(), results.get(3).toString());
        assertTrue(results.get(3).get("resultString").asText().contains("NoSuchBucket"), results.get(3).toString());
        assertEquals("task-3", results.get(3).get("taskId").asText());
    }

    @Test
    void ourPassingTroubleIsATemporaryFailureAndNothingIsRecordedAgainstTheClip() {
        needsTheModel();
        String key = "uploads/batch/busy.wav";
        bucket.put(key, RepoFiles.sharedBytes(TestAudio.SAMPLE_WAV));
        AnalysisGate gate = context.getBean(AnalysisGate.class);
        JsonNode result;
        try (AnalysisGate.Permit busy = gate.enter(gate.capacitySeconds())) {
            result = invoke(job(false, key)).get("results").get(0);
        }
        assertEquals("TemporaryFailure", result.get("resultCode").asText(), result.toString());
        assertEquals(Map.of(), bucket.tags(key));
    }

    /** Issue 19, point 6: tasks Batch Operations would never send get a clear answer each, never an exception. */
    @Test
    void malformedTasksArePermanentFailuresThatSayWhy() {
        ObjectNode event = (ObjectNode) read(job(false, "uploads/a.wav", "uploads/b.wav", "uploads/c.wav"));
        ((ObjectNode) event.get("tasks").get(0)).putNull("s3Key");
        ((ObjectNode) event.get("tasks").get(1)).put("s3Key", "");
        ((ObjectNode) event.get("tasks").get(2)).put("s3Key", "uploads/100%.wav");   // not URL-encoded

        JsonNode results = invoke(event.toString()).get("results");

        assertEquals(3, results.size());
        for (int i = 0; i < 3; i++) {
            assertEquals("task-" + i, results.get(i).get("taskId").asText());
            assertEquals("PermanentFailure", results.get(i).get("resultCode").asText(), results.get(i).toString());
        }
        assertTrue(results.get(0).get("resultString").asText().contains("no s3Key"), results.toString());
        assertTrue(results.get(2).get("resultString").asText().contains("URL-encoded"), results.toString());
    }

    @Test
    void anEventWithoutTasksIsAnsweredWithNoResults() {
        for (String event : new String[]{"{}", "{\"invocationSchemaVersion\": \"2.0\", \"invocationId\": \"i\", \"tasks\": null}",
                "{\"invocationSchemaVersion\": \"2.0\", \"invocationId\": \"i\", \"tasks\": [null]}"}) {
            JsonNode answer = invoke(event);
            assertEquals(0, answer.get("results").size(), event + " -> " + answer);
        }
    }

    @Test
    void aSchemaOneTaskWithoutABucketNameIsAPermanentFailureThatSaysWhy() {
        String v1 = """
                {"invocationSchemaVersion": "1.0", "invocationId": "abc", "job": {"id": "j"},
                 "tasks": [{"taskId": "t", "s3Key": "uploads/a.wav", "s3VersionId": null,
                            "s3BucketArn": "arn:aws:s3:::clips"}]}""";

        JsonNode result = invoke(v1).get("results").get(0);

        assertEquals("PermanentFailure", result.get("resultCode").asText());
        assertTrue(result.get("resultString").asText().contains("InvocationSchemaVersion 2.0"));
    }

    /**
     * Issue 19, point 3: a clip that needs more memory than the function has fails again on every retry, so it is a
     * permanent failure. A real OutOfMemoryError, in a JVM of its own with a heap far below the clip: the handler
     * downloads a 96 MB object (below the upload limit) into a 64 MB heap, as a clip near the limit would on a
     * Lambda function given too little memory.
     */
    @Test
    void aClipThatRunsTheFunctionOutOfMemoryIsAPermanentFailureNotARetry() throws Exception {
        needsTheModel();
        String key = "uploads/batch/huge.wav";
        bucket.put(key, new byte[96 << 20]);
        Path event = Files.createTempFile("batch-event-", ".json");
        try {
            Files.writeString(event, job(false, key));
            Process fork = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx64m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                    OneInvocation.class.getName(), S3_MOCK.getServiceEndpoint(), RepoFiles.model().toString(),
                    event.toString()).redirectErrorStream(true).start();
            String output = new String(fork.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(fork.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, fork.exitValue(), output);
            String answer = output.lines().filter(line -> line.startsWith(OneInvocation.ANSWER)).findFirst()
                    .orElseThrow(() -> new AssertionError("no answer: " + output)).substring(OneInvocation.ANSWER.length());
            JsonNode result = read(answer).get("results").get(0);
            assertEquals("PermanentFailure", result.get("resultCode").asText(), result.toString());
            assertTrue(result.get("resultString").asText().startsWith("out_of_memory"), result.toString());
            assertEquals(Map.of(), bucket.tags(key), "nothing recorded against the clip: more memory would analyse it");
        } finally {
            Files.deleteIfExists(event);
        }
    }

    /** One invocation of the real handler, in the JVM {@link #aClipThatRunsTheFunctionOutOfMemoryIsAPermanentFailureNotARetry} starts. */
    static final class OneInvocation {
        static final String ANSWER = "batch-answer: ";

        public static void main(String[] args) throws IOException {
            try (ApplicationContext context = ApplicationContext.run(S3TestServer.properties(args[0], args[1]))) {
                S3BatchResponse response = new S3BatchHandler(context)
                        .handleRequest(EVENTS.fromJson(Files.readString(Path.of(args[2]))), null);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                ANSWERS.toJson(response, out);
                System.out.println(ANSWER + out.toString(StandardCharsets.UTF_8));
            }
        }
    }

    /** events/s3-batch.json with one task per key, each URL-encoded as Batch Operations sends it. */
    private static String job(boolean force, String... keys) {
        ObjectNode event = (ObjectNode) read(RepoFiles.event("s3-batch.json"));
        ObjectNode template = (ObjectNode) event.get("tasks").get(0);
        ArrayNode tasks = JSON.createArrayNode();
        for (int i = 0; i < keys.length; i++) {
            tasks.add(template.deepCopy().put("taskId", "task-" + i).put("s3Bucket", BUCKET).put("s3Key", encode(keys[i])));
        }
        event.set("tasks", tasks);
        ((ObjectNode) event.get("job").get("userArguments")).put("force", String.valueOf(force));
        return event.toString();
    }

    private static String encode(String key) {
        return Arrays.stream(key.split("/", -1))
                .map(segment -> URLEncoder.encode(segment, StandardCharsets.UTF_8))
                .collect(Collectors.joining("/"));
    }

    /** As Lambda does it: the runtime's serializer reads the event and writes the handler's answer. */
    private static JsonNode invoke(String eventJson) {
        S3BatchResponse response = handler.handleRequest(EVENTS.fromJson(eventJson), null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ANSWERS.toJson(response, out);
        return read(out.toString(StandardCharsets.UTF_8));
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String processedAt(String key) {
        return context.getBean(ClipStore.class).readResult(BUCKET, key).orElseThrow()
                .get("processedAt").getStringValue();
    }

    private static void needsTheModel() {
        RepoFiles.requireModel();
    }

}
