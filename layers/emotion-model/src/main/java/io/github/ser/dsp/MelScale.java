package io.github.ser.dsp;

/** Slaney's mel scale (librosa's default, htk=False): linear below 1 kHz, logarithmic above. */
public final class MelScale {
    private static final double F_SP = 200.0 / 3;
    private static final double MIN_LOG_HZ = 1000.0;
    private static final double MIN_LOG_MEL = MIN_LOG_HZ / F_SP;
    private static final double LOG_STEP = Math.log(6.4) / 27.0;

    private MelScale() {
    }

    public static double hzToMel(double hz) {
        return hz >= MIN_LOG_HZ ? MIN_LOG_MEL + Math.log(hz / MIN_LOG_HZ) / LOG_STEP : hz / F_SP;
    }

    public static double melToHz(double mel) {
        return mel >= MIN_LOG_MEL ? MIN_LOG_HZ * Math.exp(LOG_STEP * (mel - MIN_LOG_MEL)) : F_SP * mel;
    }

    /** {@code count} frequencies evenly spaced in mels from fmin to fmax (librosa.mel_frequencies). */
    public static double[] frequencies(int count, double fmin, double fmax) {
        double lo = hzToMel(fmin);
        double hi = hzToMel(fmax);
        double[] hz = new double[count];
        for (int i = 0; i < count; i++) {
            double mel = count == 1 ? lo : lo + (hi - lo) * i / (count - 1);
            hz[i] = melToHz(mel);
        }
        return hz;
    }
}
