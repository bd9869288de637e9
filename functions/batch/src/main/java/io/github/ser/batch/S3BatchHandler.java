package io.github.ser.batch;

import com.amazonaws.services.lambda.runtime.events.S3BatchEventV2;
import com.amazonaws.services.lambda.runtime.events.S3BatchResponse;
import io.github.ser.function.ClipTelemetry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Objects;

/**
 * Lambda entry point for S3 Batch Operations' {@code LambdaInvoke} (invocation schema 2.0): each task is one existing
 * object, tagged by {@link BatchTagging}; the answer carries one result code per task, which S3 writes into the
 * job's completion report.
 */
public class S3BatchHandler extends MicronautRequestHandler<S3BatchEventV2, S3BatchResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(S3BatchHandler.class);

    @Inject
    BatchTagging tagging;

    /** Used by Lambda: builds its own application context. */
    public S3BatchHandler() {
    }

    /** Used where a context already runs (tests). */
    public S3BatchHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    public S3BatchResponse execute(S3BatchEventV2 event) {
        ClipTelemetry.startInvocation();   // coldStart on every log line of this invocation, as in the other functions
        try {
            return answer(event);
        } finally {
            ClipTelemetry.endInvocation();
        }
    }

    private S3BatchResponse answer(S3BatchEventV2 event) {
        boolean force = BatchTagging.force(event.getJob() == null ? null : event.getJob().getUserArguments());
        if (event.getTasks() == null || event.getTasks().stream().anyMatch(Objects::isNull)) {
            // not what Batch Operations sends (a sam local invoke with {}, say): nothing here can carry a result
            LOG.warn("not an S3 Batch Operations event: {} (invocation {}); tasks without an entry are skipped",
                    event.getTasks() == null ? "no tasks" : "null tasks", event.getInvocationId());
        }
        List<S3BatchResponse.Result> results = event.getTasks() == null ? List.of() : event.getTasks().stream()
                .filter(Objects::nonNull)
                .map(task -> tagging.run(task, force))
                .toList();
        return S3BatchResponse.builder()
                .withInvocationSchemaVersion(event.getInvocationSchemaVersion())
                .withInvocationId(event.getInvocationId())
                .withTreatMissingKeysAs(S3BatchResponse.ResultCode.PermanentFailure)
                .withResults(results)
                .build();
    }
}
