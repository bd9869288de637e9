package io.github.ser;

import io.github.ser.features.FeatureMoments;

import java.util.List;
import java.util.Optional;

/**
 * What a deployment learns about its own clips: the feature moments of everything it has analysed. Once there are
 * enough, the recognizer aligns every clip's features onto the scale the model was trained on
 * ({@link FeatureMoments#align}), which takes out much of what a deployment's microphones, rooms and language have in
 * common (measured in docs/accuracy.md). No labels are involved. Implementations must never fail a clip: trouble
 * with their store is theirs to log.
 */
public interface DeploymentStatistics {

    /** Learns nothing and never aligns: the default. */
    DeploymentStatistics NONE = new DeploymentStatistics() {
        @Override
        public Optional<FeatureMoments> moments() {
            return Optional.empty();
        }

        @Override
        public void observe(List<double[]> clipFeatures) {
        }
    };

    /** The moments to align with, or empty while too few clips were seen (features are then used as they are). */
    Optional<FeatureMoments> moments();

    /** Learns from one analysed clip: the feature vector of each of its segments, as extracted. */
    void observe(List<double[]> clipFeatures);
}
