package io.github.ser.model;

import java.util.List;
import java.util.Map;

/**
 * The description stored as {@code manifest.json} in a model artifact: what the model computes on, what it
 * predicts, how it was trained and how well it did.
 *
 * @param version           e.g. {@code ser-speech-v1-20261124}; shown with every prediction
 * @param featureSet        name of the {@link io.github.ser.features.FeatureSet} the model was trained on
 * @param featureSetVersion its version; serving refuses a model whose version differs from the code's
 * @param labels            class labels in the order of the model's probabilities
 * @param classifier        Weka options string of the classifier
 * @param trainedOn         training data summary
 * @param metrics           summary of the evaluation report shipped with the model (JSON objects as maps), or null
 * @param createdAt         ISO-8601 instant
 */
public record Manifest(String version,
                       String featureSet,
                       int featureSetVersion,
                       List<String> labels,
                       String classifier,
                       TrainedOn trainedOn,
                       Map<String, Object> metrics,
                       String createdAt) {

    public Manifest {
        labels = labels == null ? null : List.copyOf(labels);
    }

    /**
     * @param corpora clips per corpus, e.g. {@code {"ravdess": 1440, "tess": 2800}}
     * @param clips   total clips used
     * @param perLabel clips per label
     */
    public record TrainedOn(Map<String, Integer> corpora, int clips, Map<String, Integer> perLabel) {
    }
}
