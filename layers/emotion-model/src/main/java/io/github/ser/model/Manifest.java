package io.github.ser.model;

import java.util.List;
import java.util.Map;

/**
 * The description stored as {@code manifest.json} in a model artifact: what the model computes on, what it
 * predicts, how it was trained and how well it did.
 *
 * @param version           e.g. {@code ser-speech-v3-20261204T2150} (feature set, version, when trained, UTC);
 *                          shown with every prediction
 * @param featureSet        name of the {@link io.github.ser.features.FeatureSet} the model was trained on
 * @param featureSetVersion its version; serving refuses a model whose version differs from the code's
 * @param labels            class labels in the order of the model's probabilities
 * @param classifier        Weka options string of the classifier
 * @param trainedOn         training data summary
 * @param metrics           summary of the evaluation report shipped with the model (JSON objects as maps), or null
 * @param calibration       temperature and uncertainty threshold applied to the classifier's output; null (in
 *                          models trained before calibration) means none
 * @param createdAt         ISO-8601 instant
 */
public record Manifest(String version,
                       String featureSet,
                       int featureSetVersion,
                       List<String> labels,
                       String classifier,
                       TrainedOn trainedOn,
                       Map<String, Object> metrics,
                       Calibration calibration,
                       String createdAt) {

    public Manifest {
        labels = labels == null ? null : List.copyOf(labels);
    }

    /** The calibration in force: the recorded one, or none for older models. */
    public Calibration calibrationOrNone() {
        return calibration == null ? Calibration.NONE : calibration;
    }

    /**
     * @param corpora      clips per corpus, e.g. {@code {"ravdess": 1440, "tess": 2800}}
     * @param clips        total recordings used (augmented copies not counted)
     * @param perLabel     recordings per label
     * @param sources      each corpus with its speakers, language and licence (the model's terms follow from them);
     *                     null in older models
     * @param relabelled   labels trained as another, e.g. {@code {"calm": "neutral"}}; null or empty for none
     * @param augmentation the augmented copies trained on, e.g. {@code "2 of speed:0.9, noise:20, ..."}; or null
     */
    public record TrainedOn(Map<String, Integer> corpora, int clips, Map<String, Integer> perLabel,
                            List<Source> sources, Map<String, String> relabelled, String augmentation) {
    }

    /** One training corpus. */
    public record Source(String corpus, int clips, int speakers, String language, String licence) {
    }
}
