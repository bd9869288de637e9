package io.github.ser.function;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import io.github.ser.features.FeatureMoments;
import io.github.ser.features.FeatureSet;
import io.github.ser.features.FeatureSets;
import io.github.ser.features.RunningMoments;
import io.github.ser.function.testing.S3TestServer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static io.github.ser.function.testing.S3TestServer.BUCKET;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Deployment statistics in a real S3-compatible server: instances learning apart, the sum, a reset, bad objects. */
class BucketDeploymentStatisticsTest {

    @RegisterExtension
    static final S3MockExtension S3_MOCK = S3TestServer.extension();

    private static final FeatureSet FEATURES = FeatureSets.byName("seed");
    private static final int WIDTH = FEATURES.names().size();

    static ApplicationContext context;
    static S3Client s3;
    static JsonMapper json;

    @BeforeAll
    static void start() {
        context = ApplicationContext.run(S3TestServer.properties(S3_MOCK, "/nonexistent/model.zip"));
        s3 = context.getBean(S3Client.class);
        json = context.getBean(JsonMapper.class);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    /** A clock the test moves. */
    private static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-12-04T12:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static BucketDeploymentStatistics instance(String prefix, long minClips, Clock clock) {
        return new BucketDeploymentStatistics(() -> s3, json, BUCKET, prefix, FEATURES, minClips, clock);
    }

    private static double[] vector(double value) {
        double[] x = new double[WIDTH];
        Arrays.fill(x, value);
        return x;
    }

    private static List<S3Object> objects(String prefix) {
        return s3.listObjectsV2(b -> b.bucket(BUCKET).prefix(prefix)).contents();
    }

    @Test
    void instancesLearnApartAndAlignWithEveryonesClipsOnceThereAreEnough() {
        TestClock clock = new TestClock();
        BucketDeploymentStatistics a = instance("stats-sum/", 4, clock);
        BucketDeploymentStatistics b = instance("stats-sum/", 4, clock);

        a.observe(List.of(vector(1), vector(3)));
        assertTrue(a.moments().isEmpty(), "two clips are too few");
        b.observe(List.of(vector(5)));
        b.observe(List.of(vector(7)));

        assertEquals(2, objects("stats-sum/seed-v" + FEATURES.version() + "/").size(), "an object per instance");
        assertTrue(a.moments().isEmpty(), "a's view of b is re-read only every few minutes");
        clock.now = clock.now.plus(BucketDeploymentStatistics.REFRESH);
        b.moments(); // b's refresh saves the clip it had not saved yet
        FeatureMoments m = a.moments().orElseThrow();
        assertEquals(4, m.count());
        assertArrayEquals(vector(4), m.mean(), 1e-12);
        assertArrayEquals(vector(Math.sqrt(5)), m.std(), 1e-12); // 1, 3, 5, 7 around 4
    }

    @Test
    void anInstanceSavesAtMostEveryHalfMinuteAndTheRestWithItsNextClipOrRefresh() throws Exception {
        TestClock clock = new TestClock();
        String folder = "stats-save/seed-v" + FEATURES.version() + "/";
        BucketDeploymentStatistics a = instance("stats-save/", 1, clock);

        a.observe(List.of(vector(1)));
        a.observe(List.of(vector(2)));
        a.observe(List.of(vector(3)));
        assertEquals(1, savedCount(folder), "the first clip is saved, the next two wait: not a PUT per clip");

        clock.now = clock.now.plus(BucketDeploymentStatistics.SAVE_EVERY);
        a.observe(List.of(vector(4)));
        assertEquals(4, savedCount(folder), "the next clip after half a minute saves everything since");

        a.observe(List.of(vector(5)));
        clock.now = clock.now.plus(BucketDeploymentStatistics.REFRESH);
        a.moments();
        assertEquals(5, savedCount(folder), "a refresh saves what no clip has");
    }

    private static long savedCount(String folder) throws Exception {
        List<S3Object> saved = objects(folder);
        assertEquals(1, saved.size());
        byte[] bytes = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(saved.get(0).key())).asByteArray();
        return ((Number) json.readValue(bytes, java.util.Map.class).get("count")).longValue();
    }

    @Test
    void aRefreshSumsEveryInstanceOfABusyDeployment() throws Exception {
        String folder = "stats-many/seed-v" + FEATURES.version() + "/";
        int instances = 3 * BucketDeploymentStatistics.CONCURRENT_READS + 5; // more than one round of reads
        for (int i = 1; i <= instances; i++) {
            byte[] moments = json.writeValueAsBytes(RunningMoments.empty(WIDTH).plus(vector(i)).toMap());
            s3.putObject(b -> b.bucket(BUCKET).key(folder + UUID.randomUUID() + ".json"), RequestBody.fromBytes(moments));
        }
        FeatureMoments m = instance("stats-many/", 1, new TestClock()).moments().orElseThrow();
        assertEquals(instances, m.count());
        assertArrayEquals(vector((instances + 1) / 2.0), m.mean(), 1e-9); // the mean of 1 .. instances
    }

    @Test
    void deletingThePrefixResetsEveryInstance() {
        TestClock clock = new TestClock();
        BucketDeploymentStatistics a = instance("stats-reset/", 1, clock);
        a.observe(List.of(vector(2)));
        assertTrue(a.moments().isPresent());

        objects("stats-reset/").forEach(o -> s3.deleteObject(b -> b.bucket(BUCKET).key(o.key())));
        clock.now = clock.now.plus(BucketDeploymentStatistics.REFRESH);

        assertTrue(a.moments().isEmpty(), "the operator's reset reaches the instance");
        a.observe(List.of(vector(9)));
        assertArrayEquals(vector(9), a.moments().orElseThrow().mean(), 0);
    }

    @Test
    void objectsThatAreNotMomentsAreSkippedAndS3TroubleNeverFailsAClip() {
        TestClock clock = new TestClock();
        String folder = "stats-bad/seed-v" + FEATURES.version() + "/";
        s3.putObject(b -> b.bucket(BUCKET).key(folder + "junk.json"), RequestBody.fromString("{\"count\": \"x\"}"));
        s3.putObject(b -> b.bucket(BUCKET).key(folder + "narrow.json"),
                RequestBody.fromString("{\"count\": 5, \"mean\": [1.0], \"m2\": [0.0]}"));
        BucketDeploymentStatistics a = instance("stats-bad/", 1, clock);
        a.observe(List.of(vector(2)));
        assertArrayEquals(vector(2), a.moments().orElseThrow().mean(), 0);

        BucketDeploymentStatistics down = new BucketDeploymentStatistics(() -> {
            throw new IllegalStateException("S3 is down");
        }, json, BUCKET, "stats-down/", FEATURES, 1, clock);
        down.observe(List.of(vector(3))); // logged, kept in memory
        assertArrayEquals(vector(3), down.moments().orElseThrow().mean(), 0);
    }
}
