package io.github.ser.features;

/** A second of vowel-like tone: what feature sets extract once at construction to learn their own feature names. */
final class SyntheticVoice {

    private SyntheticVoice() {
    }

    /** 150 Hz with its third harmonic, at the given rate. */
    static float[] vowel(int sampleRate) {
        float[] x = new float[sampleRate];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.1 * Math.sin(2 * Math.PI * 150 * i / (double) sampleRate)
                    + 0.05 * Math.sin(2 * Math.PI * 450 * i / (double) sampleRate));
        }
        return x;
    }
}
