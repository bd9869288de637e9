package io.github.ser;

import java.util.Map;

/** The prediction for one voiced stretch of a long clip. */
public record SegmentPrediction(double startSeconds,
                                double endSeconds,
                                String emotion,
                                double confidence,
                                Map<String, Double> probabilities) {
}
