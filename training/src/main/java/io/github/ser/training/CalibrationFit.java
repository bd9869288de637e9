package io.github.ser.training;

import io.github.ser.dsp.ArgMax;
import io.github.ser.model.Calibration;

/** Fits and measures {@link Calibration} on held-out predictions. */
public final class CalibrationFit {

    /** Equal-width confidence bins of the expected calibration error. */
    public static final int ECE_BINS = 10;
    /** "Uncertain" means: of held-out predictions this confident or less, fewer than this share were right. */
    public static final double UNCERTAIN_ACCURACY = 0.5;

    private CalibrationFit() {
    }

    /**
     * @param probabilities held-out distributions, one row per prediction
     * @param truth         the true class index of each row
     */
    public static Calibration fit(double[][] probabilities, int[] truth) {
        double t = temperature(probabilities, truth);
        Calibration withT = new Calibration(t, 0);
        double[][] calibrated = new double[probabilities.length][];
        for (int i = 0; i < probabilities.length; i++) {
            calibrated[i] = withT.apply(probabilities[i]);
        }
        return new Calibration(t, uncertainThreshold(calibrated, truth));
    }

    /** The temperature of least negative log-likelihood (golden-section search on log T in [1/20, 20]). */
    static double temperature(double[][] probabilities, int[] truth) {
        double lo = Math.log(0.05);
        double hi = Math.log(20);
        double phi = (Math.sqrt(5) - 1) / 2;
        for (int i = 0; i < 80; i++) {
            double a = hi - phi * (hi - lo);
            double b = lo + phi * (hi - lo);
            if (nll(probabilities, truth, Math.exp(a)) < nll(probabilities, truth, Math.exp(b))) {
                hi = b;
            } else {
                lo = a;
            }
        }
        return Math.exp((lo + hi) / 2);
    }

    static double nll(double[][] probabilities, int[] truth, double temperature) {
        Calibration c = new Calibration(temperature, 0);
        double sum = 0;
        for (int i = 0; i < truth.length; i++) {
            sum -= Math.log(Math.max(c.apply(probabilities[i])[truth[i]], 1e-12));
        }
        return sum / Math.max(1, truth.length);
    }

    /** Expected calibration error: the share-weighted gap between confidence and accuracy over confidence bins. */
    public static double expectedCalibrationError(double[][] probabilities, int[] truth) {
        double[] confidence = new double[ECE_BINS];
        int[] correct = new int[ECE_BINS];
        int[] count = new int[ECE_BINS];
        for (int i = 0; i < truth.length; i++) {
            int best = ArgMax.of(probabilities[i]);
            double p = probabilities[i][best];
            int bin = Math.min(ECE_BINS - 1, (int) (p * ECE_BINS));
            confidence[bin] += p;
            correct[bin] += best == truth[i] ? 1 : 0;
            count[bin]++;
        }
        double ece = 0;
        for (int b = 0; b < ECE_BINS; b++) {
            if (count[b] > 0) {
                ece += Math.abs(confidence[b] - correct[b]) / Math.max(1, truth.length);
            }
        }
        return ece;
    }

    /**
     * The largest confidence t (in steps of 0.01) such that predictions with confidence below t are right less than
     * {@link #UNCERTAIN_ACCURACY} of the time; 0 when no such t exists.
     */
    static double uncertainThreshold(double[][] calibrated, int[] truth) {
        double best = 0;
        for (int step = 1; step <= 100; step++) {
            double t = step / 100.0;
            int n = 0;
            int right = 0;
            for (int i = 0; i < truth.length; i++) {
                int top = ArgMax.of(calibrated[i]);
                if (calibrated[i][top] < t) {
                    n++;
                    right += top == truth[i] ? 1 : 0;
                }
            }
            if (n >= 20 && right < UNCERTAIN_ACCURACY * n) {
                best = t;
            }
        }
        return best;
    }
}
