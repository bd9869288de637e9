package io.github.ser.function;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import io.github.ser.audio.AudioErrorCode;
import io.github.ser.audio.AudioException;
import io.github.ser.function.testing.S3TestServer;
import io.github.ser.function.locals3.SigV4Check;
import io.github.ser.function.locals3.SigV4S3Front;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.tree.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Tag;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.github.ser.function.testing.S3TestServer.BUCKET;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ClipStore against a real S3-compatible server over HTTP. */
class ClipStoreTest {

    @RegisterExtension
    static final S3MockExtension S3_MOCK = S3TestServer.extension();

    static ApplicationContext context;
    static ClipStore store;
    static S3Client s3;

    @BeforeAll
    static void start() {
        context = ApplicationContext.run(S3TestServer.properties(S3_MOCK, "/nonexistent/model.zip"));
        store = context.getBean(ClipStore.class);
        s3 = context.getBean(S3Client.class);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @Test
    void readsAClipAndRefusesOneAboveTheLimitFromItsSize() throws Exception {
        byte[] bytes = new byte[1000];
        bytes[7] = 42;
        put("uploads/store/read.bin", bytes);

        assertArrayEquals(bytes, store.read(new ObjectRef(BUCKET, "uploads/store/read.bin"), 1000));
        AudioException tooLarge = assertThrows(AudioException.class,
                () -> store.read(new ObjectRef(BUCKET, "uploads/store/read.bin"), 999));
        assertEquals(AudioErrorCode.TOO_LARGE, tooLarge.code());
    }

    @Test
    void aMissingObjectIsReportedAsSuch() {
        ObjectRef missing = new ObjectRef(BUCKET, "uploads/store/never-uploaded.wav");
        assertThrows(NoSuchClipException.class, () -> store.read(missing, 100));
        assertThrows(NoSuchClipException.class, () -> store.tags(missing));
    }

    @Test
    void mergesTagsKeepingTheObjectsOwnAndIsStableOnRepeat() throws Exception {
        ObjectRef clip = new ObjectRef(BUCKET, "uploads/store/tagged clip é.wav");
        put(clip.key(), new byte[]{1, 2, 3});
        s3.putObjectTagging(b -> b.bucket(BUCKET).key(clip.key()).tagging(t -> t.tagSet(
                Tag.builder().key("owner").value("alice").build(),
                Tag.builder().key("emotion-error").value("corrupt_audio").build())));
        Map<String, String> ours = new LinkedHashMap<>();
        ours.put("emotion", "calm");
        ours.put("emotion-confidence", "0.512");

        Map<String, String> first = store.mergeTags(clip, "emotion", ours);
        Map<String, String> second = store.mergeTags(clip, "emotion", ours);

        Map<String, String> expected = Map.of("owner", "alice", "emotion", "calm", "emotion-confidence", "0.512");
        assertEquals(expected, first);
        assertEquals(expected, second);
        assertEquals(expected, store.tags(clip));
    }

    @Test
    void writesAndReadsTheResultBesideTheUploads() {
        ObjectRef clip = new ObjectRef(BUCKET, "uploads/store/result.wav");
        assertTrue(store.readResult(BUCKET, clip.key()).isEmpty());

        store.writeResult(clip, Map.of("status", "failed", "error", "silent"));

        JsonNode result = store.readResult(BUCKET, clip.key()).orElseThrow();
        assertEquals("silent", result.get("error").getStringValue());
        assertTrue(s3.headObject(b -> b.bucket(BUCKET).key("results/store/result.wav.json")).contentLength() > 0);
    }

    @Test
    void aPresignedPutUploadsExactlyTheAnnouncedBytesOnceAndNothingElse() throws Exception {
        // S3Mock does not check signatures: this front checks them as S3 does, then hands the request to S3Mock
        try (SigV4S3Front s3Front = SigV4S3Front.start("127.0.0.1", 0, URI.create(S3_MOCK.getServiceEndpoint()),
                new SigV4Check("test", "test"));
             ApplicationContext signed = ApplicationContext.run(withEndpoint("http://localhost:" + s3Front.port()))) {
            ClipStore viaFront = signed.getBean(ClipStore.class);
            String key = "uploads/store/presigned.wav";
            byte[] clip = {9, 8, 7, 6};
            PresignedUpload upload = viaFront.presignUpload(key, "audio/wav", clip.length);
            assertEquals("PUT", upload.method());
            assertEquals(clip.length, upload.contentLength());
            assertEquals(Map.of("Content-Type", "audio/wav", "If-None-Match", "*"), upload.headers());
            String signedHeaders = URI.create(upload.url()).getQuery().replaceAll(".*X-Amz-SignedHeaders=([^&]*).*", "$1");
            assertEquals("content-length;content-type;host;if-none-match", signedHeaders);

            HttpResponse<String> longer = put(upload, new byte[]{9, 8, 7, 6, 5}, upload.headers());
            HttpResponse<String> shorter = put(upload, new byte[]{9}, upload.headers());
            HttpResponse<String> mayOverwrite = put(upload, clip, Map.of("Content-Type", "audio/wav"));
            HttpResponse<String> otherType = put(upload, clip, Map.of("Content-Type", "text/html", "If-None-Match", "*"));
            for (HttpResponse<String> refused : List.of(longer, shorter, mayOverwrite, otherType)) {
                assertEquals(403, refused.statusCode(), refused.body());
                assertTrue(refused.body().contains("SignatureDoesNotMatch"), refused.body());
            }
            assertFalse(exists(key), "nothing was stored by the refused PUTs");

            HttpResponse<String> exact = put(upload, clip, upload.headers());
            assertEquals(200, exact.statusCode(), exact.body());
            assertArrayEquals(clip, s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray());
            assertEquals(List.of(), s3.getObjectTagging(b -> b.bucket(BUCKET).key(key)).tagSet());

            // the same URL again, with the same bytes: the object exists, and If-None-Match: * keeps it
            HttpResponse<String> again = put(upload, new byte[]{1, 1, 1, 1}, upload.headers());
            assertEquals(412, again.statusCode(), again.body());
            assertArrayEquals(clip, s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray());
        }
    }

    private static Map<String, Object> withEndpoint(String endpoint) {
        Map<String, Object> properties = new HashMap<>(S3TestServer.properties(S3_MOCK, "/nonexistent/model.zip"));
        properties.put("ser.s3-endpoint", endpoint);
        return properties;
    }

    private static HttpResponse<String> put(PresignedUpload upload, byte[] body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(upload.url())).PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(put::header);
        return HttpClient.newHttpClient().send(put.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static boolean exists(String key) {
        try {
            s3.headObject(b -> b.bucket(BUCKET).key(key));
            return true;
        } catch (software.amazon.awssdk.services.s3.model.NoSuchKeyException e) {
            return false;
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }


    private static void put(String key, byte[] bytes) {
        s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(bytes));
    }
}
