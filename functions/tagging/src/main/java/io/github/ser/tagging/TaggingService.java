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
 * Analyses one uploaded clip and records the answer on it: {@code emotion*} tags on the object and
 * {@code results/<key>.json} beside it. Bad audio is an answer too ({@code emotion-status=failed}), so it is never
 * retried; a vanished object is skipped; S3 or model trouble is thrown, for Lambda to retry and finally hand to
 * the failure destination. Running it twice on the same object version gives the same tags.
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

    public TaggingService(ClipStore store, RecognizerProvider recognizer, SerConfiguration config, ClipTelemetry telemetry) {
        this.store = store;
        this.recognizer = recognizer;
        this.config = config;
        this.telemetry = telemetry;
    }

    /** The latest version of {@code s3://bucket/key}. */
    public ClipOutcome process(String bucket, String key) {
        return process(new ObjectRef(bucket, key));
    }

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
            // written last: a result means the tags are already in place (the API polls for it)
            store.writeResult(clip, result);
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
            LOG.warn("Skipped: {}", e.getMessage());
            return new ClipOutcome(clip, ClipOutcome.SKIPPED, null, e.getMessage());
        }
    }
}
