package io.github.ser.dsp;

/** Short-time level of a signal: one value per frame, frames centred like librosa's (center=True). */
public final class FrameEnergy {
    private FrameEnergy() {
    }

    /**
     * RMS in dB relative to full scale (floored at -120 dB) per frame of {@code frameLength} samples every {@code hop}.
     * Four frames at a time: each frame's energy is still one sum in sample order, but four sums in flight keep the
     * adder busy (each waited on its own last addition).
     */
    public static double[] rmsDb(float[] signal, int frameLength, int hop) {
        int frames = 1 + signal.length / hop;
        double[] out = new double[frames];
        int half = frameLength / 2;
        int t = 0;
        for (; t + 4 <= frames; t += 4) {
            int start = t * hop - half;
            if (start < 0 || start + 3 * hop + frameLength > signal.length) {
                for (int i = 0; i < 4; i++) {
                    out[t + i] = level(energy(signal, start + i * hop, frameLength), frameLength);
                }
                continue;
            }
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            for (int n = 0; n < frameLength; n++) {
                double x0 = signal[start + n];
                double x1 = signal[start + hop + n];
                double x2 = signal[start + 2 * hop + n];
                double x3 = signal[start + 3 * hop + n];
                s0 += x0 * x0;
                s1 += x1 * x1;
                s2 += x2 * x2;
                s3 += x3 * x3;
            }
            out[t] = level(s0, frameLength);
            out[t + 1] = level(s1, frameLength);
            out[t + 2] = level(s2, frameLength);
            out[t + 3] = level(s3, frameLength);
        }
        for (; t < frames; t++) {
            out[t] = level(energy(signal, t * hop - half, frameLength), frameLength);
        }
        return out;
    }

    /** Sum of squares of {@code signal[start, start + length)}, samples outside the signal counting as zero. */
    private static double energy(float[] signal, int start, int length) {
        double sum = 0;
        for (int i = Math.max(0, start); i < Math.min(signal.length, start + length); i++) {
            sum += (double) signal[i] * signal[i];
        }
        return sum;
    }

    private static double level(double energy, int frameLength) {
        double rms = Math.sqrt(energy / frameLength);
        return 20 * Math.log10(Math.max(rms, 1e-6));
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
