package io.github.ser.dsp;

/**
 * Descriptors of a power spectrum's shape, each a function of one frame {@code p[bin]} (bins spaced
 * {@code binHz} apart, from 0 Hz): where its energy sits, how peaky it is, how it tilts. {@link #describe}
 * composes them per frame.
 */
public final class SpectralShape {

    /** Added before logs, as v1 did, so that empty bins stay finite. */
    private static final double LOG_FLOOR = 1e-12;
    private static final double FLUX_FLOOR = 1e-10;

    private SpectralShape() {
    }

    /** The frequency spacing of an rfft's bins: {@code bins - 1} steps up to Nyquist. */
    public static double binHz(int bins, int sampleRate) {
        return sampleRate / (2.0 * (bins - 1));
    }

    /** Total power (plus a tiny floor, so that silence divides safely). */
    public static double total(double[] p) {
        double total = LOG_FLOOR;
        for (double v : p) {
            total += v;
        }
        return total;
    }

    /** Power-weighted mean frequency, Hz. */
    public static double centroid(double[] p, double binHz) {
        double weighted = 0;
        for (int k = 0; k < p.length; k++) {
            weighted += k * binHz * p[k];
        }
        return weighted / total(p);
    }

    /** Power-weighted standard deviation of frequency around {@code centroid}, Hz. */
    public static double bandwidth(double[] p, double binHz, double centroid) {
        double spread = 0;
        for (int k = 0; k < p.length; k++) {
            double d = k * binHz - centroid;
            spread += d * d * p[k];
        }
        return Math.sqrt(spread / total(p));
    }

    /** The lowest frequency below which {@code fraction} of the power lies, Hz (Nyquist if never reached). */
    public static double rolloff(double[] p, double binHz, double fraction) {
        double total = total(p);
        double cumulative = 0;
        for (int k = 0; k < p.length; k++) {
            cumulative += p[k];
            if (cumulative >= fraction * total) {
                return k * binHz;
            }
        }
        return (p.length - 1) * binHz;
    }

    /** Wiener entropy: geometric over arithmetic mean power; 1 for white noise, near 0 for a few harmonics. */
    public static double flatness(double[] p) {
        double logSum = 0;
        for (double v : p) {
            logSum += Math.log(v + LOG_FLOOR);
        }
        return Math.exp(logSum / p.length) / (total(p) / p.length);
    }

    /** Mean positive change of log power from {@code previous} to {@code p} (onsets, not decays). */
    public static double flux(double[] previous, double[] p) {
        double flux = 0;
        for (int k = 0; k < p.length; k++) {
            double d = Math.log(p[k] + FLUX_FLOOR) - Math.log(previous[k] + FLUX_FLOOR);
            flux += d > 0 ? d : 0;
        }
        return flux / p.length;
    }

    /** eGeMAPS's alpha ratio: energy 50-1000 Hz over 1-5 kHz, dB (more vocal effort, less tilt, lower ratio). */
    public static double alphaRatio(double[] p, double binHz) {
        return Decibels.ratio(bandSum(p, binHz, 50, 1000), bandSum(p, binHz, 1000, 5000));
    }

    /** eGeMAPS's Hammarberg index: strongest peak below 2 kHz over the strongest in 2-5 kHz, dB. */
    public static double hammarberg(double[] p, double binHz) {
        return Decibels.ratio(bandMax(p, binHz, 0, 2000), bandMax(p, binHz, 2000, 5000));
    }

    /**
     * {@code [frame][centroid Hz, bandwidth Hz, 85% roll-off Hz, flatness, log-flux, alpha ratio dB,
     * Hammarberg index dB]} from a power spectrogram {@code [frame][bin]} (flux 0 for the first frame).
     */
    public static double[][] describe(double[][] power, int sampleRate) {
        double binHz = binHz(power[0].length, sampleRate);
        double[][] out = new double[power.length][];
        for (int t = 0; t < power.length; t++) {
            double[] p = power[t];
            double centroid = centroid(p, binHz);
            out[t] = new double[]{centroid, bandwidth(p, binHz, centroid), rolloff(p, binHz, 0.85), flatness(p),
                    t == 0 ? 0 : flux(power[t - 1], p), alphaRatio(p, binHz), hammarberg(p, binHz)};
        }
        return out;
    }

    /**
     * {@code [frame][centroid Hz, bandwidth Hz, 85% roll-off Hz, alpha ratio dB, Hammarberg index dB]}: the
     * descriptors that need no logarithm per bin, from one pass over each frame for the moments and short passes
     * over the bands (plus the roll-off's partial pass); the same numbers as the single functions up to rounding.
     * Bands are loops of their own and frequencies a table, not branches and int-to-double conversions per bin
     * (measured 3× faster, same bits).
     */
    public static double[][] describeWithoutLogs(double[][] power, int sampleRate) {
        int bins = power[0].length;
        double binHz = binHz(bins, sampleRate);
        int low0 = Math.min(bins, (int) Math.ceil(50 / binHz));
        int mid = Math.min(bins, (int) Math.ceil(1000 / binHz));
        int two = Math.min(bins, (int) Math.ceil(2000 / binHz));
        int five = Math.min(bins, (int) Math.ceil(5000 / binHz));
        double[] freq = new double[bins];
        for (int k = 0; k < bins; k++) {
            freq[k] = k * binHz;
        }
        double[][] out = new double[power.length][];
        for (int t = 0; t < power.length; t++) {
            double[] p = power[t];
            double total = LOG_FLOOR;
            double m1 = 0;
            double m2 = 0;
            for (int k = 0; k < bins; k++) {
                double v = p[k];
                double f = freq[k];
                total += v;
                m1 += f * v;
                m2 += f * f * v;
            }
            double centroid = m1 / total;
            double variance = Math.max(0, m2 / total - centroid * centroid * (total + LOG_FLOOR) / total);
            out[t] = new double[]{centroid, Math.sqrt(variance), rolloff(p, freq, total, 0.85),
                    Decibels.ratio(sum(p, low0, mid), sum(p, mid, five)),
                    Decibels.ratio(max(p, 0, two), max(p, two, five))};
        }
        return out;
    }

    /** {@link #rolloff(double[], double, double)} given the frame's {@link #total} and bin frequencies. */
    private static double rolloff(double[] p, double[] freq, double total, double fraction) {
        double cumulative = 0;
        for (int k = 0; k < p.length; k++) {
            cumulative += p[k];
            if (cumulative >= fraction * total) {
                return freq[k];
            }
        }
        return freq[p.length - 1];
    }

    private static double sum(double[] p, int from, int to) {
        double sum = 0;
        for (int k = from; k < to; k++) {
            sum += p[k];
        }
        return sum;
    }

    private static double max(double[] p, int from, int to) {
        double max = 0;
        for (int k = from; k < to; k++) {
            max = Math.max(max, p[k]);
        }
        return max;
    }

    /**
     * Flatness of a frame of dB values (e.g. a log-mel frame): the geometric mean's level over the arithmetic
     * mean's, in dB; 0 for a flat spectrum, negative for a peaky one. The cheap counterpart of {@link #flatness}.
     */
    public static double flatnessDb(double[] db) {
        double meanDb = 0;
        double meanPower = 0;
        for (double v : db) {
            meanDb += v;
            meanPower += Math.pow(10, v / 10);
        }
        return meanDb / db.length - 10 * Math.log10(meanPower / db.length);
    }

    /** Mean positive change in dB from {@code previous} to {@code db} (onsets): {@link #flux} on dB frames. */
    public static double fluxDb(double[] previous, double[] db) {
        double flux = 0;
        for (int k = 0; k < db.length; k++) {
            double d = db[k] - previous[k];
            flux += d > 0 ? d : 0;
        }
        return flux / db.length;
    }

    static double bandSum(double[] p, double binHz, double loHz, double hiHz) {
        double sum = 0;
        for (int k = (int) Math.ceil(loHz / binHz); k < p.length && k * binHz < hiHz; k++) {
            sum += p[k];
        }
        return sum;
    }

    static double bandMax(double[] p, double binHz, double loHz, double hiHz) {
        double max = 0;
        for (int k = (int) Math.ceil(loHz / binHz); k < p.length && k * binHz < hiHz; k++) {
            max = Math.max(max, p[k]);
        }
        return max;
    }
}
