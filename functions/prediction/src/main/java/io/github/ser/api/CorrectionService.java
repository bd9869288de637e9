package io.github.ser.api;

import io.github.ser.function.ClipStore;
import io.github.ser.function.NoSuchClipException;
import io.github.ser.function.ObjectRef;
import io.github.ser.function.RecognizerProvider;
import io.github.ser.function.S3Tags;
import io.github.ser.function.SerConfiguration;
import io.micronaut.http.HttpStatus;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;

/**
 * A person's correction of an answer: the clip is tagged {@code emotion-label=<label>} (its other tags kept) and
 * copied to {@code labelled/<label>/<name>}, the folder layout {@code ser tune} reads. A clip is under one label only:
 * relabelling removes the earlier copy.
 */
@Singleton
public class CorrectionService {
    private final ClipStore store;
    private final SerConfiguration config;
    private final RecognizerProvider recognizer;

    public CorrectionService(ClipStore store, SerConfiguration config, RecognizerProvider recognizer) {
        this.store = store;
        this.config = config;
        this.recognizer = recognizer;
    }

    /**
     * @throws ApiException 400 {@code unknown_label} for a label the model does not have, 404 {@code not_found} for a
     *                      missing clip, 409 {@code too_many_tags} when the clip's own tags leave no room for the label
     */
    public Correction label(ObjectRef clip, String label) {
        List<String> labels = recognizer.get().labels();
        if (!labels.contains(label)) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "unknown_label", "The model knows no emotion "
                    + Printable.quote(label) + "; use one of " + String.join(", ", labels));
        }
        try {
            Map<String, String> tags = store.tags(clip);
            String previous = tags.get(S3Tags.LABEL);
            if (previous == null && tags.size() >= S3Tags.MAX_TAGS) {
                throw new ApiException(HttpStatus.CONFLICT, "too_many_tags", "The clip " + clip.key() + " already has "
                        + tags.size() + " tags, S3's limit: remove one to make room for " + S3Tags.LABEL);
            }
            String labelledKey = config.labelledKey(clip.key(), label);
            store.copy(clip, labelledKey);
            store.mergeTags(clip, S3Tags.LABEL, Map.of(S3Tags.LABEL, label));
            // only a label of ours names a copy of ours: another value was never copied anywhere
            if (previous != null && !previous.equals(label) && labels.contains(previous)) {
                store.delete(new ObjectRef(clip.bucket(), config.labelledKey(clip.key(), previous)));
            }
            return new Correction(clip.key(), label, labelledKey);
        } catch (NoSuchClipException e) {
            throw ClipKeys.noSuchClip(clip);
        }
    }

    /**
     * @param key         the clip's object key
     * @param label       the emotion it was, as the person said
     * @param labelledKey where the clip's labelled copy now is
     */
    @Serdeable
    public record Correction(String key, String label, String labelledKey) {
    }
}
