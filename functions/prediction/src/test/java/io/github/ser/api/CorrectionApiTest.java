package io.github.ser.api;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import io.github.ser.api.PredictionApiHandlerTest.Reply;
import io.github.ser.function.S3Tags;
import io.github.ser.function.testing.RepoFiles;
import io.github.ser.function.testing.S3TestServer;
import io.github.ser.function.testing.TestAudio;
import io.github.ser.tagging.TaggingService;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import io.micronaut.function.aws.proxy.payload1.ApiGatewayProxyRequestEventFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.Tag;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.github.ser.api.PredictionApiHandlerTest.assertError;
import static io.github.ser.function.testing.S3TestServer.BUCKET;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code PUT /results/{key}/label} as deployed: API Gateway's proxy events (the route's resource is
 * {@code /results/{key+}}, a greedy variable being last in API Gateway) through Micronaut's translation, S3 a real
 * server. Each test uploads its own clip.
 */
class CorrectionApiTest {
    @RegisterExtension
    static final S3MockExtension S3_MOCK = S3TestServer.extension();

    static ApiGatewayProxyRequestEventFunction handler;
    static S3Client s3;
    byte[] clip;
    String key;

    @BeforeAll
    static void start() {
        RepoFiles.requireModel();   // the labels are the model's
        handler = PredictionApiHandlerTest.lambda(S3_MOCK, Map.of());
        s3 = handler.getApplicationContext().getBean(S3Client.class);
    }

    @AfterAll
    static void stop() {
        handler.getApplicationContext().close();
    }

    @BeforeEach
    void upload() {
        clip = RepoFiles.sharedBytes(TestAudio.SAMPLE_WAV);
        key = "uploads/" + UUID.randomUUID() + "/take-1.wav";
        s3.putObject(b -> b.bucket(BUCKET).key(key).tagging("owner=alice"), RequestBody.fromBytes(clip));
    }

    @Test
    void theSampleEventLabelsItsClip() throws Exception {
        key = "uploads/0b6f3c1e-5d0a-4f8e-9a51-6f2d1c7e9b20.wav";
        s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(clip));

        Reply reply = call(ApiEvents.file("api-label.json"));

        assertEquals(200, reply.status(), reply.body().toString());
        assertEquals("labelled/sad/0b6f3c1e-5d0a-4f8e-9a51-6f2d1c7e9b20.wav", reply.body().get("labelledKey").asText());
        assertArrayEquals(clip, object("labelled/sad/0b6f3c1e-5d0a-4f8e-9a51-6f2d1c7e9b20.wav"));
    }

    @Test
    void aLabelTagsTheClipKeepingItsTagsAndCopiesItUnderTheLabel() throws Exception {
        Reply reply = label(key, "{\"emotion\": \"sad\"}");

        assertEquals(200, reply.status(), reply.body().toString());
        String name = key.substring("uploads/".length());
        assertEquals(Map.of("key", key, "label", "sad", "labelledKey", "labelled/sad/" + name),
                Map.of("key", reply.body().get("key").asText(), "label", reply.body().get("label").asText(),
                        "labelledKey", reply.body().get("labelledKey").asText()));
        assertEquals(Map.of("owner", "alice", S3Tags.LABEL, "sad"), tags(key));
        assertArrayEquals(clip, object("labelled/sad/" + name), "a server-side copy of the clip");
    }

    @Test
    void relabellingMovesTheCopySoAClipIsUnderOneLabelOnly() throws Exception {
        String name = key.substring("uploads/".length());
        assertEquals(200, label(key, "{\"emotion\": \"sad\"}").status());
        // without the upload prefix, as GET /results takes it
        Reply again = label(name, "{\"emotion\": \"angry\"}");

        assertEquals(200, again.status(), again.body().toString());
        assertEquals("angry", tags(key).get(S3Tags.LABEL));
        assertArrayEquals(clip, object("labelled/angry/" + name));
        assertThrows(NoSuchKeyException.class, () -> object("labelled/sad/" + name));
    }

    @Test
    void analysingTheClipAgainKeepsThePersonsLabel() throws Exception {
        assertEquals(200, label(key, "{\"emotion\": \"fearful\"}").status());

        handler.getApplicationContext().getBean(TaggingService.class).process(BUCKET, key);

        Map<String, String> tags = tags(key);
        assertEquals("fearful", tags.get(S3Tags.LABEL), tags.toString());
        assertTrue(tags.containsKey("emotion"), "the model's answer is there too: " + tags);
    }

    @Test
    void aLabelTheModelDoesNotHaveIsRefusedAndNamesTheAllowedOnes() throws Exception {
        for (String body : List.of("{\"emotion\": \"bored\"}", "{\"emotion\": \"Sad\"}", "{\"emotion\": \"\"}")) {
            Reply reply = label(key, body);
            assertError(reply, 400, "unknown_label");
            assertTrue(reply.body().get("message").asText().contains("neutral, calm, happy, sad"), reply.body().toString());
        }
        assertEquals(Map.of("owner", "alice"), tags(key), "nothing stored");
        assertTrue(s3.listObjectsV2(b -> b.bucket(BUCKET).prefix("labelled/")).contents().stream()
                .noneMatch(o -> o.key().endsWith(key.substring("uploads/".length()))));
    }

    @Test
    void aClipThatIsNotThereIs404() throws Exception {
        assertError(label("uploads/never.wav", "{\"emotion\": \"sad\"}"), 404, "not_found");
        assertThrows(NoSuchKeyException.class, () -> object("labelled/sad/never.wav"));
    }

    @Test
    void aBodyWithoutAnEmotionStringIsABadRequest() throws Exception {
        for (String body : Arrays.asList(null, "", "sad", "[\"sad\"]", "{}", "{\"emotion\": 3}", "{\"emotion\": null}",
                "{\"label\": \"sad\"}")) {
            assertError(label(key, body), 400, "bad_request");
        }
        assertEquals(Map.of("owner", "alice"), tags(key));
    }

    @Test
    void aClipWhoseOwnTagsFillS3sLimitIsAConflictAndNothingIsCopied() throws Exception {
        String full = "uploads/" + UUID.randomUUID() + ".wav";
        String tenTags = String.join("&", java.util.stream.IntStream.range(0, S3Tags.MAX_TAGS).mapToObj(i -> "t" + i + "=x").toList());
        s3.putObject(b -> b.bucket(BUCKET).key(full).tagging(tenTags), RequestBody.fromBytes(clip));

        assertError(label(full, "{\"emotion\": \"sad\"}"), 409, "too_many_tags");
        assertEquals(S3Tags.MAX_TAGS, tags(full).size());
        assertThrows(NoSuchKeyException.class, () -> object("labelled/sad/" + full.substring("uploads/".length())));
    }

    @Test
    void aKeyThatCannotBeAClipsIsABadRequest() throws Exception {
        assertError(label("uploads/" + "x".repeat(1100) + ".wav", "{\"emotion\": \"sad\"}"), 400, "bad_request");
    }

    @Test
    void theClipItselfAnswersOnlyGetNotPut() throws Exception {
        assertError(call(ApiEvents.json("PUT", "/results/" + key, "{\"emotion\": \"sad\"}")), 405, "method_not_allowed");
    }

    private static Reply label(String key, String body) throws Exception {
        return call(ApiEvents.json("PUT", "/results/" + key + "/label", body));
    }

    private static Reply call(APIGatewayProxyRequestEvent event) throws Exception {
        event.setResource("/results/{key+}");
        event.getRequestContext().setResourcePath("/results/{key+}");
        return PredictionApiHandlerTest.reply(handler.handleRequest(event, new MockLambdaContext()));
    }

    private static Map<String, String> tags(String key) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (Tag tag : s3.getObjectTagging(b -> b.bucket(BUCKET).key(key)).tagSet()) {
            tags.put(tag.key(), tag.value());
        }
        return tags;
    }

    private static byte[] object(String key) {
        return s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray();
    }
}
