package io.github.ser.dsp;

/** Triangular mel filters with Slaney area normalisation (librosa.filters.mel, htk=False, norm='slaney'). */
public final class MelFilterBank {
    private MelFilterBank() {
    }

    public static FilterBank create(int sampleRate, int nFft, int nMels, double fmin, double fmax) {
        int bins = nFft / 2 + 1;
        double[] fftFreqs = new double[bins];
        for (int k = 0; k < bins; k++) {
            fftFreqs[k] = k * (double) sampleRate / nFft;
        }
        double[] melF = MelScale.frequencies(nMels + 2, fmin, fmax);
        double[][] weights = new double[nMels][bins];
        for (int m = 0; m < nMels; m++) {
            double lowerWidth = melF[m + 1] - melF[m];
            double upperWidth = melF[m + 2] - melF[m + 1];
            double enorm = 2.0 / (melF[m + 2] - melF[m]);
            for (int k = 0; k < bins; k++) {
                double lower = (fftFreqs[k] - melF[m]) / lowerWidth;
                double upper = (melF[m + 2] - fftFreqs[k]) / upperWidth;
                weights[m][k] = Math.max(0, Math.min(lower, upper)) * enorm;
            }
        }
        return new FilterBank(weights);
    }

    /** librosa's default range: 0 Hz to Nyquist. */
    public static FilterBank create(int sampleRate, int nFft, int nMels) {
        return create(sampleRate, nFft, nMels, 0, sampleRate / 2.0);
    }
}
