package io.github.ser.tagging;

import io.github.ser.Prediction;
import io.github.ser.audio.AudioErrorCode;
import io.github.ser.function.S3Tags;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The tags this function owns on an uploaded clip: every key is {@value #NAMESPACE} or starts with it. */
final class ClipTags {
    static final String NAMESPACE = S3Tags.OURS;
    static final String EMOTION = "emotion";
    static final String CONFIDENCE = "emotion-confidence";
    static final String MODEL = "emotion-model";
    static final String STATUS = "emotion-status";
    static final String ERROR = "emotion-error";

    private ClipTags() {
    }

    /** Most important first: if the object's own tags leave little room, the emotion itself still fits. */
    static Map<String, String> of(Prediction prediction) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(EMOTION, prediction.emotion());
        // fixed format, so reprocessing the same version writes byte-identical tags
        tags.put(CONFIDENCE, confidence(prediction));
        tags.put(MODEL, prediction.model());
        return tags;
    }

    /** Three decimals, as in the tag and the event. */
    static String confidence(Prediction prediction) {
        return String.format(Locale.ROOT, "%.3f", prediction.confidence());
    }

    static Map<String, String> failed(AudioErrorCode code) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(STATUS, "failed");
        tags.put(ERROR, code.code());
        return tags;
    }
}
