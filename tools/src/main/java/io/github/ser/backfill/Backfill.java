package io.github.ser.backfill;

import io.github.ser.function.ModelUnavailableException;
import io.github.ser.function.ObjectRef;
import io.github.ser.tagging.ClipOutcome;
import io.github.ser.tagging.ClipResult;
import io.github.ser.tagging.TaggingService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Tags every object under a prefix that is already in a bucket, with the same {@link TaggingService} as the
 * functions (so the same tags, result JSON and events), N clips at a time. Clips already tagged by the loaded model
 * version are skipped unless forced; result JSON under the result prefix and folder markers are never clips.
 */
public final class Backfill {
    private static final Logger LOG = LoggerFactory.getLogger(Backfill.class);

    private final S3Client s3;
    private final TaggingService tagging;
    private final String resultPrefix;

    public Backfill(S3Client s3, TaggingService tagging, String resultPrefix) {
        this.s3 = s3;
        this.tagging = tagging;
        this.resultPrefix = resultPrefix;
    }

    /** The keys to tag, in S3's (lexicographic) order. */
    public List<String> keys(S3Location location) {
        return s3.listObjectsV2Paginator(b -> b.bucket(location.bucket()).prefix(location.prefix())).contents().stream()
                .map(S3Object::key)
                .filter(key -> !key.endsWith("/") && !key.startsWith(resultPrefix))
                .toList();
    }

    /** Tags {@code keys}, {@code concurrency} at a time, reporting each outcome to {@code progress}. */
    public BackfillSummary run(String bucket, List<String> keys, boolean force, int concurrency, ProgressBar progress)
            throws InterruptedException {
        BackfillSummary summary = new BackfillSummary(keys.size());
        progress.update(summary, keys.isEmpty());
        ExecutorService pool = Executors.newFixedThreadPool(concurrency, runnable -> {
            Thread thread = new Thread(runnable, "backfill");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> tasks = keys.stream()
                    .<Future<?>>map(key -> pool.submit(() -> {
                        record(summary, new ObjectRef(bucket, key), force);
                        progress.update(summary, summary.done() == summary.total());
                    }))
                    .toList();
            for (Future<?> task : tasks) {
                try {
                    task.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException(e.getCause());   // record() catches everything it expects
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return summary;
    }

    private void record(BackfillSummary summary, ObjectRef clip, boolean force) {
        try {
            ClipOutcome outcome = tagging.backfill(clip, force);
            switch (outcome.status()) {
                case ClipResult.DONE -> summary.addTagged();
                case ClipOutcome.SKIPPED -> summary.addSkipped();
                case ClipOutcome.MISSING -> summary.addFailed("missing");
                default -> summary.addFailed(outcome.detail());   // bad audio: the detail is its error code
            }
        } catch (ModelUnavailableException e) {
            summary.addFailed(ModelUnavailableException.CODE);
            LOG.error("s3://{}/{}: {}", clip.bucket(), clip.key(), e.getMessage());
        } catch (SdkException e) {
            summary.addFailed("aws_error");
            LOG.error("s3://{}/{}: {}", clip.bucket(), clip.key(), e.getMessage());
        } catch (RuntimeException e) {
            summary.addFailed("internal_error");
            LOG.error("s3://{}/{}", clip.bucket(), clip.key(), e);
        }
    }
}
