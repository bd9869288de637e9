package io.github.ser.function;

import io.github.ser.DeploymentStatistics;
import io.github.ser.features.FeatureMoments;
import io.github.ser.features.FeatureSet;
import io.github.ser.features.RunningMoments;
import io.micronaut.json.JsonMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * A deployment's feature moments kept in its clip bucket (opt-in: {@code ser.deployment-statistics-prefix}). Every
 * function instance keeps the running moments of the clips it analysed in an object of its own,
 * {@code <prefix><feature set>-v<version>/<instance>.json}, so no two writers share an object and no update is lost;
 * it saves its own at most every half minute and aligns with the sum of everyone's, re-read every few minutes.
 * Deleting the prefix resets the deployment (an instance that finds its own object gone starts again from nothing),
 * and the bucket's lifecycle rule lets the objects of instances long gone expire. Trouble with S3 here never fails a
 * clip: it is logged and the last known moments stay in use.
 */
public final class BucketDeploymentStatistics implements DeploymentStatistics {
    private static final Logger LOG = LoggerFactory.getLogger(BucketDeploymentStatistics.class);

    /** How often the other instances' moments are re-read. */
    static final Duration REFRESH = Duration.ofMinutes(5);
    /**
     * How often an instance saves its own moments at most: a PUT per clip would double the bucket's requests and add
     * one to every clip's latency under load. An instance stopped between saves loses at most this long's clips
     * (statistics of many clips; a few missing move them little); the rest is saved with the next clip or refresh.
     */
    static final Duration SAVE_EVERY = Duration.ofSeconds(30);
    /** At most this many instances' objects are read: a bound on what a refresh costs. */
    static final int MAX_PARTS = 1000;
    /**
     * Objects read at once in a refresh: one at a time, a deployment whose instances left hundreds of objects (they
     * stay for the lifecycle rule's 30 days) would hold the request that triggers it for tens of seconds.
     */
    static final int CONCURRENT_READS = 16;

    private final Supplier<S3Client> s3;
    private final JsonMapper json;
    private final String bucket;
    private final String folder;
    private final String ownKey;
    private final long minClips;
    private final Clock clock;
    private final int width;

    private RunningMoments own;
    private boolean ownWritten;
    private boolean ownChanged;
    private Instant savedAt;
    private RunningMoments others;
    private Instant readAt;

    /**
     * @param prefix   where the objects live in {@code bucket}, ending with {@code /}
     * @param minClips how many clips the deployment must have analysed before its moments are used
     */
    public BucketDeploymentStatistics(Supplier<S3Client> s3, JsonMapper json, String bucket, String prefix,
                                      FeatureSet featureSet, long minClips, Clock clock) {
        this.s3 = s3;
        this.json = json;
        this.bucket = bucket;
        this.folder = prefix + featureSet.name() + "-v" + featureSet.version() + "/";
        this.ownKey = folder + UUID.randomUUID() + ".json";
        this.minClips = minClips;
        this.clock = clock;
        this.width = featureSet.names().size();
        this.own = RunningMoments.empty(width);
        this.others = own;
    }

    @Override
    public synchronized Optional<FeatureMoments> moments() {
        if (readAt == null || !clock.instant().isBefore(readAt.plus(REFRESH))) {
            refresh();
            if (ownChanged) {
                save();
            }
        }
        RunningMoments all = others.merge(own);
        return all.count() >= minClips ? Optional.of(all.moments()) : Optional.empty();
    }

    @Override
    public synchronized void observe(List<double[]> clipFeatures) {
        for (double[] x : clipFeatures) {
            own = own.plus(x);
        }
        ownChanged = true;
        if (savedAt == null || !clock.instant().isBefore(savedAt.plus(SAVE_EVERY))) {
            save();
        }
    }

    private void save() {
        savedAt = clock.instant(); // also after a failure: S3 in trouble is not asked again with every clip
        try {
            s3.get().putObject(b -> b.bucket(bucket).key(ownKey).contentType("application/json"),
                    RequestBody.fromBytes(json.writeValueAsBytes(own.toMap())));
            ownWritten = true;
            ownChanged = false;
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not save this instance's feature moments to s3://{}/{} (kept in memory): {}", bucket,
                    ownKey, e.toString());
        }
    }

    /** Sums every other instance's object; an own object that has gone means the operator reset the deployment. */
    private void refresh() {
        readAt = clock.instant();
        try {
            List<S3Object> parts = s3.get().listObjectsV2Paginator(b -> b.bucket(bucket).prefix(folder)).contents()
                    .stream().limit(MAX_PARTS).toList();
            if (ownWritten && parts.stream().noneMatch(p -> p.key().equals(ownKey))) {
                LOG.info("Feature moments under s3://{}/{} were reset; learning again from nothing", bucket, folder);
                own = RunningMoments.empty(width);
                ownWritten = false;
                ownChanged = false;
            }
            others = readAll(parts.stream().map(S3Object::key).filter(key -> !key.equals(ownKey)).toList());
        } catch (RuntimeException e) {
            LOG.warn("Could not read the deployment's feature moments under s3://{}/{} (using the last known): {}",
                    bucket, folder, e.toString());
        }
    }

    /** The sum of the objects at {@code keys}, read {@link #CONCURRENT_READS} at a time. */
    private RunningMoments readAll(List<String> keys) {
        RunningMoments sum = RunningMoments.empty(width);
        if (keys.isEmpty()) {
            return sum;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(CONCURRENT_READS, keys.size()), r -> {
            Thread thread = new Thread(r, "deployment-statistics-read");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<RunningMoments>> reads = keys.stream().map(key -> pool.submit(() -> read(key))).toList();
            for (Future<RunningMoments> part : reads) {
                sum = sum.merge(part.get());
            }
            return sum;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the deployment's feature moments", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private RunningMoments read(String key) {
        byte[] bytes = s3.get().getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
        try {
            RunningMoments part = RunningMoments.fromMap(json.readValue(bytes, Map.class));
            return part.mean().length == width ? part : skip(key, "it has another width");
        } catch (IOException | IllegalArgumentException e) {
            return skip(key, e.getMessage());
        }
    }

    private RunningMoments skip(String key, String why) {
        LOG.warn("Skipping s3://{}/{}: not this deployment's feature moments ({})", bucket, key, why);
        return RunningMoments.empty(width);
    }
}
