package io.github.ser.dsp;

/** Per-frame descriptors of a power spectrum's shape: where its energy sits and how peaky it is. */
public final class SpectralShape {
    private SpectralShape() {
    }

    /**
     * {@code [frame][centroid Hz, bandwidth Hz, 85% roll-off Hz, flatness, log-flux, alpha ratio dB,
     * Hammarberg index dB]} from a power spectrogram {@code [frame][bin]}. The last two are eGeMAPS's
     * voice-effort measures: energy 50-1000 Hz over 1-5 kHz, and the strongest peak below 2 kHz over the
     * strongest in 2-5 kHz.
     */
    public static double[][] describe(double[][] power, int sampleRate) {
        int bins = power[0].length;
        double binHz = sampleRate / (2.0 * (bins - 1));
        double[][] out = new double[power.length][7];
        double[] previous = null;
        for (int t = 0; t < power.length; t++) {
            double[] p = power[t];
            double total = 1e-12;
            double weighted = 0;
            double logSum = 0;
            for (int k = 0; k < bins; k++) {
                total += p[k];
                weighted += k * binHz * p[k];
                logSum += Math.log(p[k] + 1e-12);
            }
            double centroid = weighted / total;
            double spread = 0;
            double cumulative = 0;
            double rolloff = (bins - 1) * binHz;
            boolean rolled = false;
            for (int k = 0; k < bins; k++) {
                double d = k * binHz - centroid;
                spread += d * d * p[k];
                cumulative += p[k];
                if (!rolled && cumulative >= 0.85 * total) {
                    rolloff = k * binHz;
                    rolled = true;
                }
            }
            double flatness = Math.exp(logSum / bins) / (total / bins);
            double flux = 0;
            if (previous != null) {
                for (int k = 0; k < bins; k++) {
                    double d = Math.log(p[k] + 1e-10) - Math.log(previous[k] + 1e-10);
                    flux += d > 0 ? d : 0;
                }
                flux /= bins;
            }
            double alpha = Decibels.ratio(bandSum(p, binHz, 50, 1000), bandSum(p, binHz, 1000, 5000));
            double hammarberg = Decibels.ratio(bandMax(p, binHz, 0, 2000), bandMax(p, binHz, 2000, 5000));
            out[t] = new double[]{centroid, Math.sqrt(spread / total), rolloff, flatness, flux, alpha, hammarberg};
            previous = p;
        }
        return out;
    }

    private static double bandSum(double[] p, double binHz, double loHz, double hiHz) {
        double sum = 0;
        for (int k = (int) Math.ceil(loHz / binHz); k < p.length && k * binHz < hiHz; k++) {
            sum += p[k];
        }
        return sum;
    }

    private static double bandMax(double[] p, double binHz, double loHz, double hiHz) {
        double max = 0;
        for (int k = (int) Math.ceil(loHz / binHz); k < p.length && k * binHz < hiHz; k++) {
            max = Math.max(max, p[k]);
        }
        return max;
    }
}
