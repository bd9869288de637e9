package io.github.ser.training;

import org.jtransforms.fft.DoubleFFT_1D;

import java.util.Random;

/**
 * A room, synthesised: an impulse response of a direct path followed by an exponentially decaying noise tail
 * (the statistical model of late reverberation, Polack 1993), and its convolution with a recording. No recorded
 * impulse responses are available to the project, so training and the phone test both draw synthetic rooms, from
 * different random streams and (for the test) different parameter ranges.
 */
final class Reverberation {

    private Reverberation() {
    }

    /**
     * An impulse response {@code rt60} seconds long to -60 dB, with the direct path {@code drrDb} above the energy
     * of the tail; pre-delay of the tail 2–5 ms (the first reflections), unit peak.
     */
    static float[] impulseResponse(int rate, double rt60, double drrDb, Random random) {
        int length = Math.max(2, (int) Math.round(rt60 * rate));
        int preDelay = (int) Math.round(rate * (0.002 + 0.003 * random.nextDouble()));
        double[] h = new double[length + preDelay];
        double decay = 3 * Math.log(10) / (rt60 * rate); // amplitude falls by 60 dB over rt60
        double tailEnergy = 0;
        for (int i = preDelay; i < h.length; i++) {
            h[i] = random.nextGaussian() * Math.exp(-decay * (i - preDelay));
            tailEnergy += h[i] * h[i];
        }
        // the direct path's energy (1, at sample 0) stands drrDb above the tail's
        double scale = Math.sqrt(Math.pow(10, -drrDb / 10) / Math.max(tailEnergy, 1e-12));
        float[] out = new float[h.length];
        out[0] = 1;
        for (int i = preDelay; i < h.length; i++) {
            out[i] = (float) (h[i] * scale);
        }
        return out;
    }

    /** {@code x} heard through {@code h}: the linear convolution by FFT, cut to x's length, at x's RMS. */
    static float[] convolve(float[] x, float[] h) {
        int n = Integer.highestOneBit(Math.max(1, x.length + h.length - 1) - 1) << 1;
        double[] a = new double[n];
        double[] b = new double[n];
        for (int i = 0; i < x.length; i++) {
            a[i] = x[i];
        }
        for (int i = 0; i < h.length; i++) {
            b[i] = h[i];
        }
        DoubleFFT_1D fft = new DoubleFFT_1D(n);
        fft.realForward(a);
        fft.realForward(b);
        // packed real spectra: [0] = Re(0), [1] = Re(n/2), then (Re, Im) pairs
        a[0] *= b[0];
        a[1] *= b[1];
        for (int k = 2; k < n; k += 2) {
            double re = a[k] * b[k] - a[k + 1] * b[k + 1];
            double im = a[k] * b[k + 1] + a[k + 1] * b[k];
            a[k] = re;
            a[k + 1] = im;
        }
        fft.realInverse(a, true);
        float[] out = new float[x.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) a[i];
        }
        return withRmsOf(out, x);
    }

    /** {@code y} scaled to the RMS of {@code reference}: a room changes the colour of a voice, not its level. */
    static float[] withRmsOf(float[] y, float[] reference) {
        double ey = 0;
        double er = 0;
        for (float v : y) {
            ey += v * v;
        }
        for (float v : reference) {
            er += v * v;
        }
        float g = ey > 0 ? (float) Math.sqrt(er / ey) : 0;
        for (int i = 0; i < y.length; i++) {
            y[i] *= g;
        }
        return y;
    }
}
