package io.github.ser.model;

/**
 * How a model's raw probabilities become the confidence it reports: temperature scaling (Guo et al., 2017),
 * {@code p_i^(1/T)} renormalised, with T fitted on held-out predictions of voices and corpora the network had not
 * heard; and the confidence below which a prediction is flagged uncertain, chosen on the same held-out predictions
 * as the level below which fewer than half of them were right.
 *
 * @param temperature   above 1 softens an over-confident model, below 1 sharpens an under-confident one
 * @param uncertainBelow a calibrated top probability below this is reported as {@code "uncertain": true}
 */
public record Calibration(double temperature, double uncertainBelow) {

    /** Raw probabilities as they are and nothing flagged: for models trained before calibration existed. */
    public static final Calibration NONE = new Calibration(1.0, 0.0);

    public Calibration {
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be positive and finite, not " + temperature);
        }
        if (!(uncertainBelow >= 0 && uncertainBelow <= 1)) {
            throw new IllegalArgumentException("uncertainBelow must be in [0, 1], not " + uncertainBelow);
        }
    }

    /** The calibrated distribution (a new array summing to 1). */
    public double[] apply(double[] probabilities) {
        double[] out = new double[probabilities.length];
        if (temperature == 1.0) {
            System.arraycopy(probabilities, 0, out, 0, out.length);
            return out;
        }
        double sum = 0;
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.pow(Math.max(probabilities[i], 1e-12), 1 / temperature);
            sum += out[i];
        }
        for (int i = 0; i < out.length; i++) {
            out[i] /= sum;
        }
        return out;
    }

    public boolean isUncertain(double topProbability) {
        return topProbability < uncertainBelow;
    }
}
