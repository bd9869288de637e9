package io.github.ser;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/**
 * What the engine says about one clip.
 *
 * @param emotion         most probable label (lowercase RAVDESS name)
 * @param confidence      its calibrated probability (see {@link io.github.ser.model.Calibration})
 * @param uncertain       true when the confidence is below the model's uncertainty threshold: of held-out
 *                        predictions that confident, fewer than half were right
 * @param probabilities   every label's probability, in the model's label order
 * @param durationSeconds length of the decoded clip
 * @param model           model version that produced it
 * @param segments        per-segment predictions for clips long enough to be split, else null
 * @param timings         where the time went, for results and benchmarks
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Prediction(String emotion,
                         double confidence,
                         boolean uncertain,
                         Map<String, Double> probabilities,
                         double durationSeconds,
                         String model,
                         List<SegmentPrediction> segments,
                         Timings timings) {

    /** Milliseconds spent in each stage. */
    public record Timings(double decodeMillis, double featuresMillis, double classifyMillis) {
    }
}
