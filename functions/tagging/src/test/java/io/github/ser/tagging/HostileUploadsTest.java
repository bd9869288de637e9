package io.github.ser.tagging;

import static io.github.ser.function.testing.S3TestServer.BUCKET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import io.github.ser.AnalysisGate;
import io.github.ser.CapacityExceededException;
import io.github.ser.audio.HostileAudio;
import io.github.ser.function.StorageUnavailableException;
import io.github.ser.function.testing.RepoFiles;
import io.github.ser.function.testing.S3TestServer;
import io.github.ser.function.testing.StallingProxy;
import io.github.ser.function.testing.TestAudio;
import io.micronaut.context.ApplicationContext;
import java.net.URI;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The bad-input table for the S3 path (issue #9): the same hostile clips uploaded to the bucket get a permanent
 * {@code emotion-status=failed} with their code; our own trouble (the gate full, S3 frozen or gone) fails the
 * invocation so Lambda retries it, and never leaves a failure tag on a good clip.
 */
class HostileUploadsTest {

    @RegisterExtension
    static final S3MockExtension S3_MOCK = S3TestServer.extension();

    static StallingProxy proxy;
    static ApplicationContext context;
    static S3EventHandler handler;
    static S3Client s3;

    @BeforeAll
    static void start() throws Exception {
        RepoFiles.requireModel();
        proxy = new StallingProxy(URI.create(S3_MOCK.getServiceEndpoint()).getPort());
        Map<String, Object> properties = new HashMap<>(S3TestServer.properties(S3_MOCK, RepoFiles.model().toString()));
        properties.remove("ser.s3-attempt-timeout");  // the shipped timeouts, for the fault rows
        properties.remove("ser.s3-call-timeout");
        properties.put("ser.s3-endpoint", proxy.endpoint().toString());
        context = ApplicationContext.run(properties);
        handler = new S3EventHandler(context);
        s3 = context.getBean(S3Client.class);
        // warm S3Mock and the SDK up: the shipped timeouts are for frozen servers, not a cold one
        for (int ok = 0, tries = 0; ok < 3 && tries < 20; tries++) {
            try {
                s3.listObjectsV2(b -> b.bucket(BUCKET).maxKeys(1));
                ok++;
            } catch (RuntimeException coldStart) {
                // try again
            }
        }
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.close();
            proxy.close();
        }
    }

    static Stream<Arguments> hostileClips() {
        Map<String, byte[]> clips = new LinkedHashMap<>();
        clips.put("1 float WAV all NaN", HostileAudio.floatWav(HostileAudio.toneWith(Float.NaN, 1), 16000));
        clips.put("1 NaN every 1000th sample", HostileAudio.floatWav(HostileAudio.toneWith(Float.NaN, 1000), 16000));
        clips.put("1 +Inf", HostileAudio.floatWav(HostileAudio.toneWith(Float.POSITIVE_INFINITY, 5000), 16000));
        clips.put("1 samples x 1e30", HostileAudio.floatWav(HostileAudio.scaled(HostileAudio.tone(16000, 1.5), 1e30f), 16000));
        clips.put("2 FLAC declaring 599 s at 192 kHz", HostileAudio.flacBomb599sAt192kHz(true));
        clips.put("2 FLAC of 599 s at 192 kHz, no length", HostileAudio.flacBomb599sAt192kHz(false));
        return clips.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileClips")
    void aHostileClipIsTaggedAsFailedWithItsCode(String name, byte[] clip) {
        String key = "uploads/hostile/" + name.replaceAll("[^A-Za-z0-9]+", "-") + ".bin";
        put(key, clip);
        handler.handleRequest(S3Events.put(BUCKET, key), null);
        Map<String, String> tags = tags(key);
        assertEquals("failed", tags.get("emotion-status"), name + ": " + tags);
        assertEquals("corrupt_audio", tags.get("emotion-error"), name + ": " + tags);
    }

    /** 1. beyond ±1 on purpose: analysed as it is. */
    @Test
    void aFloatClipOverFullScaleIsAnalysed() {
        String key = "uploads/hostile/over-full-scale.wav";
        put(key, HostileAudio.floatWav(HostileAudio.scaled(HostileAudio.tone(16000, 1.5), 4f), 16000));
        handler.handleRequest(S3Events.put(BUCKET, key), null);
        assertTrue(tags(key).containsKey("emotion"), tags(key).toString());
    }

    /** 2./3. our capacity is full: the invocation fails (Lambda retries it), and no failure is recorded. */
    @Test
    void aFullGateFailsTheInvocationForARetryAndTagsNothing() {
        String key = "uploads/hostile/good-clip-while-busy.wav";
        put(key, RepoFiles.sharedBytes(TestAudio.SAMPLE_WAV));
        AnalysisGate gate = context.getBean(AnalysisGate.class);
        try (AnalysisGate.Permit busy = gate.enter(gate.capacitySeconds())) {
            TaggingFailedException failed = assertThrows(TaggingFailedException.class,
                    () -> handler.handleRequest(S3Events.put(BUCKET, key), null));
            assertTrue(failed.getSuppressed()[0] instanceof CapacityExceededException, failed.getSuppressed()[0].toString());
        }
        assertEquals(Map.of(), tags(key));
        handler.handleRequest(S3Events.put(BUCKET, key), null);   // Lambda's retry, once there is room
        assertTrue(tags(key).containsKey("emotion"), tags(key).toString());
    }

    /** 4. S3 frozen, then gone: a retried failure within seconds, with the retry semantics unchanged. */
    @Test
    void frozenOrMissingStorageFailsTheInvocationForARetry() {
        String key = "uploads/hostile/good-clip-storage-down.wav";
        put(key, RepoFiles.sharedBytes(TestAudio.SAMPLE_WAV));
        proxy.pause();
        try {
            long started = System.nanoTime();
            TaggingFailedException failed = assertThrows(TaggingFailedException.class,
                    () -> handler.handleRequest(S3Events.put(BUCKET, key), null));
            assertTrue(failed.getSuppressed()[0] instanceof StorageUnavailableException, failed.getSuppressed()[0].toString());
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(millis < 15_000, "gave up after " + millis + " ms");
        } finally {
            proxy.resume();
        }
        assertEquals(Map.of(), tags(key), "nothing recorded against the clip");
    }

    private static void put(String key, byte[] bytes) {
        S3Client direct = S3Client.builder().endpointOverride(URI.create(S3_MOCK.getServiceEndpoint()))
                .forcePathStyle(true).region(software.amazon.awssdk.regions.Region.US_EAST_1).build();
        try (direct) {
            direct.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(bytes));
        }
    }

    private static Map<String, String> tags(String key) {
        Map<String, String> tags = new LinkedHashMap<>();
        s3.getObjectTagging(b -> b.bucket(BUCKET).key(key)).tagSet().forEach(t -> tags.put(t.key(), t.value()));
        return tags;
    }
}
