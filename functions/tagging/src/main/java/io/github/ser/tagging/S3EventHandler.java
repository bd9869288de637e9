package io.github.ser.tagging;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import io.github.ser.function.ClipTelemetry;
import io.github.ser.function.ModelUnavailableException;
import io.github.ser.function.ObjectRef;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Lambda entry point for the bucket's {@code ObjectCreated} notifications: decodes each record's key and hands it
 * to {@link TaggingService}. If any record fails for a transient reason, the others are still processed and the
 * invocation then fails as a whole, so Lambda retries it (processing is idempotent) and finally sends it to the
 * on-failure destination.
 */
public class S3EventHandler extends MicronautRequestHandler<S3Event, TaggingSummary> {
    private static final Logger LOG = LoggerFactory.getLogger(S3EventHandler.class);

    @Inject
    TaggingService tagging;

    @Inject
    ClipTelemetry telemetry;

    /** Used by Lambda: builds its own application context. */
    public S3EventHandler() {
    }

    /** Used where a context already runs (the local stack, tests). */
    public S3EventHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    public TaggingSummary execute(S3Event event) {
        ClipTelemetry.startInvocation();
        try {
            return processAll(event);
        } finally {
            ClipTelemetry.endInvocation();
        }
    }

    private TaggingSummary processAll(S3Event event) {
        List<ClipOutcome> outcomes = new ArrayList<>();
        List<RuntimeException> failures = new ArrayList<>();
        for (S3EventNotificationRecord record : event.getRecords()) {
            if (!record.getEventName().startsWith("ObjectCreated:")) {
                LOG.info("Ignored {} event", record.getEventName());
                continue;
            }
            // keys arrive URL-encoded: '+' for a space, %XX for UTF-8 bytes
            ObjectRef clip = new ObjectRef(record.getS3().getBucket().getName(),
                    record.getS3().getObject().getUrlDecodedKey(), record.getS3().getObject().getVersionId());
            try {
                outcomes.add(tagging.process(clip));
            } catch (RuntimeException e) {
                LOG.error("s3://{}/{} failed; the event will be retried", clip.bucket(), clip.key(), e);
                telemetry.failed(TaggingService.SERVICE, clip.key(),
                        e instanceof ModelUnavailableException ? ModelUnavailableException.CODE : "internal_error", e.toString());
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            TaggingFailedException failed = new TaggingFailedException(failures.size(), event.getRecords().size());
            failures.forEach(failed::addSuppressed);
            throw failed;
        }
        return new TaggingSummary(outcomes);
    }
}
