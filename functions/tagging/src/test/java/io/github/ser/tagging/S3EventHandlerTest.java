package io.github.ser.tagging;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import io.github.ser.function.ClipStore;
import io.github.ser.function.RecognizerProvider;
import io.github.ser.function.StorageUnavailableException;
import io.github.ser.function.testing.RepoFiles;
import io.github.ser.function.testing.TestBucket;
import io.github.ser.function.testing.S3TestServer;
import io.github.ser.function.testing.TestAudio;
import io.github.ser.testing.CompressedClips;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.tree.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Tag;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.github.ser.function.testing.S3TestServer.BUCKET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real handler, invoked with S3 events in the shape of {@code events/s3-put.json}, against a real
 * S3-compatible server: upload, handle, read tags and result JSON back.
 */
class S3EventHandlerTest {

    @RegisterExtension
    static final S3MockExtension S3_MOCK = S3TestServer.extension();

    static ApplicationContext context;
    static S3EventHandler handler;
    static S3Client s3;
    static TestBucket bucket;
    static ClipStore store;

    @BeforeAll
    static void start() {
        context = ApplicationContext.run(S3TestServer.properties(S3_MOCK, RepoFiles.model().toString()));
        handler = new S3EventHandler(context);
        s3 = context.getBean(S3Client.class);
        bucket = new TestBucket(s3, BUCKET);
        store = context.getBean(ClipStore.class);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @Test
    void tagsTheClipNamedInTheSampleEventWhoseKeyIsEncoded() {
        needsTheModel();
        String key = "uploads/my clip été.wav";   // events/s3-put.json says uploads/my+clip+%C3%A9t%C3%A9.wav
        bucket.put(key, RepoFiles.sharedBytes(TestAudio.SAMPLE_WAV));

        TaggingSummary summary = handler.handleRequest(S3Events.fromFile(BUCKET), null);

        assertEquals(1, summary.clips().size());
        assertEquals(key, summary.clips().get(0).clip().key());
        Map<String, String> tags = bucket.tags(key);
        List<String> labels = context.getBean(RecognizerProvider.class).get().labels();
        assertTrue(labels.contains(tags.get("emotion")), tags.toString());
        double confidence = Double.parseDouble(tags.get("emotion-confidence"));
        assertTrue(confidence > 1.0 / labels.size() && confidence <= 1, tags.toString());
        assertEquals(context.getBean(RecognizerProvider.class).get().modelVersion(), tags.get("emotion-model"));

        JsonNode result = result(key);
        assertEquals("done", result.get("status").getStringValue());
        assertEquals(BUCKET, result.get("bucket").getStringValue());
        assertEquals(key, result.get("key").getStringValue());
        assertTrue(result.get("processedAt").getStringValue().startsWith("20"));
        JsonNode prediction = result.get("prediction");
        assertEquals(tags.get("emotion"), prediction.get("emotion").getStringValue());
        assertEquals(labels.size(), prediction.get("probabilities").size());
        assertTrue(prediction.get("durationSeconds").getNumberValue().doubleValue() > 3);
        assertTrue(prediction.get("timings").get("decodeMillis").getNumberValue().doubleValue() >= 0);
    }

    @Test
    void handlesEveryRecordOfAnEventAndFlacAsWellAsWav() {
        needsTheModel();
        String wav = "uploads/batch/one.wav";
        String flac = "uploads/batch/two + three%.flac";
        bucket.put(wav, RepoFiles.sharedBytes(TestAudio.SAMPLE_WAV));
        bucket.put(flac, RepoFiles.sharedBytes(TestAudio.SAMPLE_FLAC));

        TaggingSummary summary = handler.handleRequest(S3Events.put(BUCKET, wav, flac, "uploads/batch/gone.wav"), null);

        assertEquals(List.of("done", "done", "missing"), summary.clips().stream().map(ClipOutcome::status).toList());
        assertEquals(flac, summary.clips().get(1).clip().key());
        assertTrue(bucket.tags(wav).containsKey("emotion"));
        assertTrue(bucket.tags(flac).containsKey("emotion"));
        assertEquals("done", result(flac).get("status").getStringValue());
    }

    @Test
    void compressedUploadsAreTaggedWithTheEnginesAnswer() {
        needsTheModel();
        var recognizer = context.getBean(RecognizerProvider.class).get();
        List<String> keys = new ArrayList<>();
        for (CompressedClips.Clip clip : CompressedClips.ALL) {
            String key = "uploads/compressed/" + clip.name();
            bucket.put(key, clip.bytes());
            keys.add(key);
        }

        TaggingSummary summary = handler.handleRequest(S3Events.put(BUCKET, keys.toArray(String[]::new)), null);

        for (int i = 0; i < keys.size(); i++) {
            CompressedClips.Clip clip = CompressedClips.ALL.get(i);
            assertEquals("done", summary.clips().get(i).status(), clip.name());
            try {
                assertEquals(recognizer.recognize(clip.bytes()).emotion(), bucket.tags(keys.get(i)).get("emotion"), clip.name());
            } catch (io.github.ser.audio.AudioException e) {
                throw new AssertionError(clip.name(), e);
            }
        }
    }

    @Test
    void keepsTheObjectsOwnTagsAndRespectsTheTenTagLimit() {
        needsTheModel();
        String key = "uploads/tagged/crowded.wav";
        bucket.put(key, RepoFiles.sharedBytes(TestAudio.SAMPLE_WAV));
        List<Tag> own = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            own.add(Tag.builder().key("team" + i).value("value " + i).build());
        }
        own.add(Tag.builder().key("emotion-status").value("failed").build());   // from an earlier run: ours to replace
        s3.putObjectTagging(b -> b.bucket(BUCKET).key(key).tagging(t -> t.tagSet(own)));

        handler.handleRequest(S3Events.put(BUCKET, key), null);

        Map<String, String> tags = bucket.tags(key);
        assertEquals(10, tags.size(), tags.toString());
        for (int i = 1; i <= 8; i++) {
            assertEquals("value " + i, tags.get("team" + i));
        }
        assertTrue(tags.containsKey("emotion"));
        assertTrue(tags.containsKey("emotion-confidence"));
        assertFalse(tags.containsKey("emotion-model"), "no room left for the least important tag");
        assertFalse(tags.containsKey("emotion-status"), "stale status from the earlier run removed");
    }

    @Test
    void badAudioIsTaggedAsFailedWithAnErrorResultInsteadOfBeingRetried() {
        needsTheModel();
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("uploads/bad/empty.wav", "empty_audio");
        expected.put("uploads/bad/truncated.wav", "corrupt_audio");
        expected.put("uploads/bad/notes.txt", "unsupported_format");
        expected.put("uploads/bad/quiet.wav", "silent");
        expected.put("uploads/bad/blip.wav", "too_short");
        bucket.put("uploads/bad/empty.wav", new byte[0]);
        bucket.put("uploads/bad/truncated.wav", TestAudio.truncatedHeader());
        bucket.put("uploads/bad/notes.txt", TestAudio.notAudio());
        bucket.put("uploads/bad/quiet.wav", TestAudio.silence(2, 16000));
        bucket.put("uploads/bad/blip.wav", TestAudio.wav16(new float[]{0.5f, -0.5f, 0.5f, -0.5f}, 16000));

        TaggingSummary summary = handler.handleRequest(
                S3Events.put(BUCKET, expected.keySet().toArray(String[]::new)), null);

        assertEquals(List.copyOf(expected.values()), summary.clips().stream().map(ClipOutcome::detail).toList());
        expected.forEach((key, code) -> {
            assertEquals(Map.of("emotion-status", "failed", "emotion-error", code), bucket.tags(key), key);
            JsonNode result = result(key);
            assertEquals("failed", result.get("status").getStringValue());
            assertEquals(code, result.get("error").getStringValue());
            assertFalse(result.get("message").getStringValue().isBlank());
            assertNull(result.get("prediction"));
        });
    }

    @Test
    void anObjectDeletedBeforeProcessingIsMissingWithoutAResult() {
        TaggingSummary summary = handler.handleRequest(S3Events.put(BUCKET, "uploads/deleted.wav"), null);

        assertEquals("missing", summary.clips().get(0).status());
        assertThrows(NoSuchKeyException.class,
                () -> s3.headObject(b -> b.bucket(BUCKET).key("results/deleted.wav.json")));
    }

    @Test
    void reprocessingTheSameObjectGivesTheSameTags() {
        needsTheModel();
        String key = "uploads/again.wav";
        bucket.put(key, RepoFiles.sharedBytes(TestAudio.SAMPLE_WAV));

        handler.handleRequest(S3Events.put(BUCKET, key), null);
        Map<String, String> first = bucket.tags(key);
        String firstResult = result(key).get("processedAt").getStringValue();
        handler.handleRequest(S3Events.put(BUCKET, key), null);

        assertEquals(first, bucket.tags(key));
        assertNotEquals(firstResult, result(key).get("processedAt").getStringValue());
        assertEquals(3, first.size());
    }

    @Test
    void anS3ErrorOtherThanAMissingObjectFailsTheInvocationAfterTheOtherRecords() {
        needsTheModel();
        String key = "uploads/fine-before-failure.wav";
        bucket.put(key, RepoFiles.sharedBytes(TestAudio.SAMPLE_WAV));
        var event = S3Events.put(BUCKET, key);
        event.getRecords().addAll(S3Events.put("no-such-bucket", "uploads/x.wav").getRecords());

        TaggingFailedException failed = assertThrows(TaggingFailedException.class, () -> handler.handleRequest(event, null));

        assertEquals("1 of 2 records failed", failed.getMessage());
        assertInstanceOf(StorageUnavailableException.class, failed.getSuppressed()[0]);
        assertInstanceOf(S3Exception.class, failed.getSuppressed()[0].getCause());
        assertTrue(bucket.tags(key).containsKey("emotion"), "the healthy record was still processed");
    }

    /** Tests that analyse audio are skipped (never faked) while there is no model artifact. */
    private static void needsTheModel() {
        RepoFiles.requireModel();
    }


    private static JsonNode result(String key) {
        return store.readResult(BUCKET, key).orElseThrow(() -> new AssertionError("no result for " + key));
    }
}
