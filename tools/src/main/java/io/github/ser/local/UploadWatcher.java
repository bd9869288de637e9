package io.github.ser.local;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Stands in for S3's event notification: lists the upload prefix every interval and, for each object that is new or
 * has changed (another ETag or modification time), delivers an {@code ObjectCreated:Put} event as S3 would, up to
 * {@value #PARALLEL_DELIVERIES} at a time. A failed
 * delivery is retried on the next scans, twice, like Lambda's asynchronous invocation, then given up on.
 */
public final class UploadWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UploadWatcher.class);
    private static final int MAX_ATTEMPTS = 3;

    /** Receives one event document, as Lambda would hand it to a function. */
    @FunctionalInterface
    public interface EventSink {
        void deliver(String eventJson) throws Exception;
    }

    private final S3Client s3;
    private final String region;
    private final String bucket;
    private final String prefix;
    private final Duration interval;
    private final EventSink sink;
    private volatile boolean closing;
    private final Map<String, String> delivered = new HashMap<>();
    private final Map<String, Integer> failures = new HashMap<>();
    /** Deliveries in parallel: a small bounded pool, like a few concurrent Lambda invocations. */
    static final int PARALLEL_DELIVERIES = 4;
    private final ExecutorService workers = Executors.newFixedThreadPool(PARALLEL_DELIVERIES, runnable -> {
        Thread thread = new Thread(runnable, "upload-watcher-delivery");
        thread.setDaemon(true);
        return thread;
    });
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "upload-watcher");
        thread.setDaemon(true);
        return thread;
    });

    public UploadWatcher(S3Client s3, String region, String bucket, String prefix, Duration interval, EventSink sink) {
        this.s3 = s3;
        this.region = region;
        this.bucket = bucket;
        this.prefix = prefix;
        this.interval = interval;
        this.sink = sink;
    }

    public void start() {
        scheduler.scheduleWithFixedDelay(this::scanSafely, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void scanSafely() {
        try {
            scanOnce();
        } catch (RuntimeException e) {
            if (closing) {
                return;     // interrupted by close(): nothing to report
            }
            // S3 briefly unavailable: try again on the next tick
            LOG.warn("listing s3://{}/{} failed: {}", bucket, prefix, e.toString());
        }
    }

    /** One pass over the prefix; returns how many events were delivered successfully. */
    synchronized int scanOnce() {
        Set<String> present = new HashSet<>();
        Map<S3Object, String> due = new LinkedHashMap<>();
        ListObjectsV2Request request = ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).build();
        for (S3Object object : s3.listObjectsV2Paginator(request).contents()) {
            present.add(object.key());
            String fingerprint = object.eTag() + "|" + object.lastModified() + "|" + object.size();
            if (!fingerprint.equals(delivered.get(object.key()))) {
                due.put(object, fingerprint);
            }
        }
        // side by side, as Lambda runs S3's invocations, but a bounded few; the scan waits for all of them, so a key
        // is never in two deliveries at once and the bookkeeping below stays as simple as one at a time
        Map<S3Object, CompletableFuture<Boolean>> running = new LinkedHashMap<>();
        due.keySet().forEach(object -> running.put(object, CompletableFuture.supplyAsync(() -> deliver(object), workers)));
        int deliveredNow = 0;
        for (Map.Entry<S3Object, CompletableFuture<Boolean>> delivery : running.entrySet()) {
            S3Object object = delivery.getKey();
            if (delivery.getValue().join()) {
                deliveredNow++;
                delivered.put(object.key(), due.get(object));
                failures.remove(object.key());
            } else if (failures.merge(object.key(), 1, Integer::sum) >= MAX_ATTEMPTS) {
                LOG.error("s3://{}/{}: giving up after {} attempts (in AWS this event would go to the on-failure destination)",
                        bucket, object.key(), MAX_ATTEMPTS);
                delivered.put(object.key(), due.get(object));
                failures.remove(object.key());
            }
        }
        delivered.keySet().retainAll(present);   // a deleted and re-uploaded key is new again
        failures.keySet().retainAll(present);
        return deliveredNow;
    }

    private boolean deliver(S3Object object) {
        String event = S3EventJson.objectCreated(region, bucket, object.key(), object.size(), object.eTag(), null, Instant.now());
        long started = System.nanoTime();
        try {
            sink.deliver(event);
            LOG.info("s3://{}/{} ObjectCreated:Put -> tagging handler ({} ms)", bucket, object.key(),
                    (System.nanoTime() - started) / 1_000_000);
            return true;
        } catch (Exception e) {
            LOG.warn("s3://{}/{}: tagging handler failed: {}", bucket, object.key(), e.toString());
            return false;
        }
    }

    @Override
    public void close() {
        closing = true;
        scheduler.shutdownNow();
        workers.shutdownNow();
        try {
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
