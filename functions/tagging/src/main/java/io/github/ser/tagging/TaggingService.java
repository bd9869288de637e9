package io.github.ser.tagging;

import io.github.ser.Prediction;
import io.github.ser.audio.AudioException;
import io.github.ser.function.ClipStore;
import io.github.ser.function.ClipTelemetry;
import io.github.ser.function.ErrorBody;
import io.github.ser.function.NoSuchClipException;
import io.github.ser.function.ObjectRef;
import io.github.ser.function.RecognizerProvider;
import io.github.ser.function.SerConfiguration;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * Analyses one clip and records the answer on it: {@code emotion*} tags on the object, {@code results/<key>.json}
 * beside it and a {@code Clip Tagged} event ({@link ClipEvents}). Bad audio is an answer too
 * ({@code emotion-status=failed}), so it is never retried; a vanished object is reported as missing; S3, model or
 * event-bus trouble is thrown, for Lambda (or S3 Batch Operations) to retry. Running it twice on the same object
 * version gives the same tags.
 */
@Singleton
public class TaggingService {
    private static final Logger LOG = LoggerFactory.getLogger(TaggingService.class);
    /** How this function names itself in logs and metrics. */
    public static final String SERVICE = "tagging";

    private final ClipStore store;
    private final RecognizerProvider recognizer;
    private final SerConfiguration config;
    private final ClipTelemetry telemetry;
    private final ClipEvents events;

    public TaggingService(ClipStore store, RecognizerProvider recognizer, SerConfiguration config, ClipTelemetry telemetry,
                          ClipEvents events) {
        this.store = store;
        this.recognizer = recognizer;
        this.config = config;
        this.telemetry = telemetry;
        this.events = events;
    }

    /** The latest version of {@code s3://bucket/key}. */
    public ClipOutcome process(String bucket, String key) {
        return process(new ObjectRef(bucket, key));
    }

    /** Analyses the clip whatever its tags say: a new upload, or a re-run that was asked for. */
    public ClipOutcome process(ObjectRef clip) {
        try {
            ClipResult result;
            Map<String, String> ours;
            try {
                byte[] audio = store.read(clip, config.getMaxUploadBytes());
                Prediction prediction = recognizer.get().recognize(audio);
                ours = ClipTags.of(prediction);
                result = ClipResult.done(clip, prediction);
            } catch (AudioException e) {
                ours = ClipTags.failed(e.code());
                result = ClipResult.failed(clip, new ErrorBody(e.code().code(), e.getMessage()));
            }
            Map<String, String> tags = store.mergeTags(clip, ClipTags.NAMESPACE, ours);
            // written after the tags: a result means the tags are already in place (the API polls for it)
            store.writeResult(clip, result);
            // announced before the telemetry line, so a bus failure (retried) is never also logged as done
            events.clipTagged(result, recognizer.get().modelVersion());
            String detail;
            if (result.prediction() != null) {
                detail = result.prediction().emotion();
                telemetry.analysed(SERVICE, clip.key(), result.prediction());
            } else {
                detail = result.error().error();
                telemetry.failed(SERVICE, clip.key(), detail, result.error().message());
            }
            return new ClipOutcome(clip, result.status(), tags, detail);
        } catch (NoSuchClipException e) {
            LOG.warn("Missing: {}", e.getMessage());
            return new ClipOutcome(clip, ClipOutcome.MISSING, null, e.getMessage());
        }
    }

    /**
     * For tagging objects that are already in a bucket (S3 Batch Operations, {@code ser backfill}): a clip already
     * tagged by the model version now loaded is skipped, without downloading it, unless {@code force}. Clips
     * tagged {@code emotion-status=failed} carry no model tag and are analysed again.
     */
    public ClipOutcome backfill(ObjectRef clip, boolean force) {
        if (!force) {
            String model = recognizer.get().modelVersion();
            try {
                Map<String, String> tags = store.tags(clip);
                if (model.equals(tags.get(ClipTags.MODEL))) {
                    return new ClipOutcome(clip, ClipOutcome.SKIPPED, tags, "already tagged by " + model);
                }
            } catch (NoSuchClipException e) {
                return new ClipOutcome(clip, ClipOutcome.MISSING, null, e.getMessage());
            }
        }
        return process(clip);
    }
}
