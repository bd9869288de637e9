package io.github.ser.dsp;

/** Analysis windows. */
public final class Windows {
    private Windows() {
    }

    /**
     * Periodic Hann window of {@code length} samples centred in {@code nFft} (scipy's
     * {@code get_window('hann', length, fftbins=True)} followed by librosa's {@code pad_center}).
     */
    public static double[] hann(int length, int nFft) {
        if (length < 1 || length > nFft) {
            throw new IllegalArgumentException("window length must be in [1, nFft]");
        }
        double[] window = new double[nFft];
        int offset = (nFft - length) / 2;
        for (int n = 0; n < length; n++) {
            window[offset + n] = 0.5 - 0.5 * Math.cos(2 * Math.PI * n / length);
        }
        return window;
    }
}
