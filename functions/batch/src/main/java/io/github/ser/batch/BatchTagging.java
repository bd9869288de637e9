package io.github.ser.batch;

import com.amazonaws.services.lambda.runtime.events.S3BatchEventV2;
import com.amazonaws.services.lambda.runtime.events.S3BatchResponse;
import com.amazonaws.services.lambda.runtime.events.S3BatchResponse.ResultCode;
import io.github.ser.CapacityExceededException;
import io.github.ser.function.ClipTelemetry;
import io.github.ser.function.ModelUnavailableException;
import io.github.ser.function.ObjectRef;
import io.github.ser.function.StorageRefusedException;
import io.github.ser.tagging.ClipOutcome;
import io.github.ser.tagging.ClipResult;
import io.github.ser.tagging.TaggingService;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One Batch Operations task: the object is tagged by the same {@link TaggingService} as an upload (or skipped when
 * already tagged by this model, unless the job's user arguments say {@code force=true}), and the outcome becomes the
 * task's result code. {@code Succeeded}: tagged or skipped. {@code PermanentFailure}: the clip itself is the problem
 * or the task (bad audio, tagged {@code emotion-status=failed}; gone; no or a malformed key; a bucket or key S3
 * refuses, access denied; a clip too big for the function's memory; a schema 1.0 task), so retrying cannot help.
 * {@code TemporaryFailure}: our passing trouble (S3 unavailable, the gate full, model, event bus), which Batch
 * Operations retries.
 */
@Singleton
public class BatchTagging {
    /** The user argument that makes a job re-analyse clips already tagged by the same model version. */
    public static final String FORCE = "force";
    private static final Logger LOG = LoggerFactory.getLogger(BatchTagging.class);

    private final TaggingService tagging;
    private final ClipTelemetry telemetry;

    public BatchTagging(TaggingService tagging, ClipTelemetry telemetry) {
        this.tagging = tagging;
        this.telemetry = telemetry;
    }

    static boolean force(@Nullable Map<String, String> userArguments) {
        return userArguments != null && Boolean.parseBoolean(userArguments.get(FORCE));
    }

    S3BatchResponse.Result run(S3BatchEventV2.Task task, boolean force) {
        if (task.getS3Bucket() == null) {
            return result(task, ResultCode.PermanentFailure,
                    "no s3Bucket in the task: create the job with InvocationSchemaVersion 2.0");
        }
        if (task.getS3Key() == null || task.getS3Key().isEmpty()) {
            return result(task, ResultCode.PermanentFailure, "no s3Key in the task");
        }
        String key;
        try {
            // Batch Operations hands keys URL-encoded, as they are in a CSV manifest ('+' for a space, %XX for bytes)
            key = URLDecoder.decode(task.getS3Key(), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return result(task, ResultCode.PermanentFailure, "s3Key " + task.getS3Key()
                    + " is not URL-encoded as in a manifest (a raw '%'?): " + e.getMessage());
        }
        ObjectRef clip = new ObjectRef(task.getS3Bucket(), key, task.getS3VersionId());
        try {
            ClipOutcome outcome = tagging.backfill(clip, force);
            return switch (outcome.status()) {
                case ClipOutcome.MISSING -> result(task, ResultCode.PermanentFailure, "NoSuchKey: " + outcome.detail());
                case ClipOutcome.SKIPPED -> result(task, ResultCode.Succeeded, "skipped: " + outcome.detail());
                case ClipResult.DONE -> result(task, ResultCode.Succeeded, "done: " + outcome.detail());
                default -> result(task, ResultCode.PermanentFailure, outcome.status() + ": " + outcome.detail());
            };
        } catch (StorageRefusedException e) {
            // the job's bucket or key is wrong, or the function may not read it: the same request fails every time
            LOG.warn("s3://{}/{}: S3 refused ({}); a permanent failure", clip.bucket(), clip.key(), e.errorCode());
            return result(task, ResultCode.PermanentFailure, "S3 refused the task's object: " + e.errorCode() + " ("
                    + e.status() + ")");
        } catch (CapacityExceededException e) {
            if (e.getCause() instanceof OutOfMemoryError) {
                // one task per invocation, nothing else in analysis: the same clip on the same memory fails again
                LOG.warn("s3://{}/{}: out of memory; a permanent failure at this memory size", clip.bucket(), clip.key());
                return result(task, ResultCode.PermanentFailure, "out_of_memory: the clip needs more memory than the "
                        + "function has (raise its MemorySize and run the job again)");
            }
            return temporary(task, clip, e);
        } catch (RuntimeException e) {
            return temporary(task, clip, e);
        }
    }

    private S3BatchResponse.Result temporary(S3BatchEventV2.Task task, ObjectRef clip, RuntimeException e) {
        LOG.error("s3://{}/{} failed; Batch Operations will retry the task", clip.bucket(), clip.key(), e);
        telemetry.failed(TaggingService.SERVICE, clip.key(),
                e instanceof ModelUnavailableException ? ModelUnavailableException.CODE : "internal_error", e.toString());
        return result(task, ResultCode.TemporaryFailure, e.getClass().getSimpleName() + ": " + e.getMessage());
    }

    private static S3BatchResponse.Result result(S3BatchEventV2.Task task, ResultCode code, String message) {
        return S3BatchResponse.Result.builder().withTaskId(task.getTaskId()).withResultCode(code)
                .withResultString(message).build();
    }
}
