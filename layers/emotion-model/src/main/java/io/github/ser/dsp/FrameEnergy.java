package io.github.ser.dsp;

/** Short-time level of a signal: one value per frame, frames centred like librosa's (center=True). */
public final class FrameEnergy {
    private FrameEnergy() {
    }

    /** RMS in dB relative to full scale (floored at -120 dB) per frame of {@code frameLength} samples every {@code hop}. */
    public static double[] rmsDb(float[] signal, int frameLength, int hop) {
        int frames = 1 + signal.length / hop;
        double[] out = new double[frames];
        int half = frameLength / 2;
        for (int t = 0; t < frames; t++) {
            int start = t * hop - half;
            double sum = 0;
            for (int i = Math.max(0, start); i < Math.min(signal.length, start + frameLength); i++) {
                sum += (double) signal[i] * signal[i];
            }
            double rms = Math.sqrt(sum / frameLength);
            out[t] = 20 * Math.log10(Math.max(rms, 1e-6));
        }
        return out;
    }

    /** Frames within {@code rangeDb} of the loudest one and above {@code floorDb}: where someone is speaking. */
    public static boolean[] active(double[] levelsDb, double rangeDb, double floorDb) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : levelsDb) {
            max = Math.max(max, v);
        }
        double threshold = Math.max(max - rangeDb, floorDb);
        boolean[] out = new boolean[levelsDb.length];
        for (int t = 0; t < levelsDb.length; t++) {
            out[t] = levelsDb[t] >= threshold;
        }
        return out;
    }
}
