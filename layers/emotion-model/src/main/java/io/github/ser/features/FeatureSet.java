package io.github.ser.features;

import java.util.List;

/**
 * A named, versioned recipe that turns a mono signal into one fixed-length vector. The name and version
 * are stored with every model, so training and serving can never disagree about what a number means.
 */
public interface FeatureSet {

    /** Stable identifier, e.g. {@code "seed"}. */
    String name();

    /** Bumped whenever any number this set computes changes. */
    int version();

    /** The rate {@link #extract} is computed at; the engine resamples every clip to it. */
    int sampleRate();

    /** One name per element of {@link #extract}'s result, in order. */
    List<String> names();

    /**
     * @param samples    mono samples in [-1, 1)
     * @param sampleRate their rate in Hz ({@link #sampleRate()} in the engine; the librosa parity tests use others)
     * @return a vector of {@code names().size()} finite numbers
     */
    double[] extract(float[] samples, int sampleRate);
}
