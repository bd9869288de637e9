package io.github.ser.training;

import java.util.Random;

/**
 * The fixed test condition of the {@code corpus-phone} protocol: what a phone in a kitchen, a street or a train does
 * to a voice, drawn per clip from a stream seeded by its file name (so every run hears the same degraded copy).
 * In order, as the sound travels:
 * <ol>
 *   <li>a room: a synthetic impulse response, RT60 0.25–0.8 s, direct-to-reverberant ratio −3 to +8 dB;</li>
 *   <li>noise at 5–20 dB SNR below the active speech, one of three kinds none of which training uses: babble-like
 *       (speech-shaped noise modulated at syllable rate), traffic (brown noise with slow swells) or a hum with a fan
 *       (mains harmonics over white noise);</li>
 *   <li>automatic gain to −20 dBFS active level, then 0–15 dB too much, clipped at full scale;</li>
 *   <li>the network: narrowband (8 kHz, 300–3400 Hz, G.711 A-law) or a wideband low-bitrate codec's band limit
 *       (3–5 kHz) with 10-bit quantisation.</li>
 * </ol>
 * Training never uses this chain: its copies draw from {@link Augmentation}'s steps (pink noise, μ-law, fixed rooms),
 * so the protocol measures robustness to a channel the model has not met as such.
 */
final class PhoneDegradation {

    private PhoneDegradation() {
    }

    static float[] apply(float[] x, int rate, Random random) {
        float[] room = Reverberation.convolve(x, Reverberation.impulseResponse(rate, uniform(random, 0.25, 0.8),
                uniform(random, -3, 8), random));
        float[] noisy = addNoise(room, rate, uniform(random, 5, 20), random);
        float[] levelled = agcAndClip(noisy, rate, uniform(random, 0, 15));
        return random.nextBoolean() ? narrowband(levelled, rate) : codecBand(levelled, rate, random);
    }

    static float[] addNoise(float[] x, int rate, double snrDb, Random random) {
        int kind = random.nextInt(3);
        double[] noise = switch (kind) {
            case 0 -> babbleLike(x.length, rate, random);
            case 1 -> traffic(x.length, rate, random);
            default -> humAndFan(x.length, rate, random);
        };
        return Augmentation.mix(x, rate, noise, snrDb);
    }

    /** Speech-shaped noise (white through a 1st-order low-pass at 500 Hz) modulated by a 3–6 Hz envelope. */
    static double[] babbleLike(int n, int rate, Random random) {
        double[] out = new double[n];
        double a = Math.exp(-2 * Math.PI * 500 / rate);
        double y = 0;
        double f1 = uniform(random, 3, 6);
        double f2 = uniform(random, 3, 6);
        double p1 = random.nextDouble() * 2 * Math.PI;
        double p2 = random.nextDouble() * 2 * Math.PI;
        for (int i = 0; i < n; i++) {
            y = a * y + (1 - a) * random.nextGaussian();
            double t = i / (double) rate;
            double envelope = 1 + 0.5 * Math.sin(2 * Math.PI * f1 * t + p1) + 0.3 * Math.sin(2 * Math.PI * f2 * t + p2);
            out[i] = y * envelope;
        }
        return out;
    }

    /** Brown noise (integrated white, leaky) swelling and fading over a few seconds, like passing cars. */
    static double[] traffic(int n, int rate, Random random) {
        double[] out = new double[n];
        double y = 0;
        double swell = uniform(random, 0.15, 0.5);
        double phase = random.nextDouble() * 2 * Math.PI;
        for (int i = 0; i < n; i++) {
            y = 0.998 * y + random.nextGaussian();
            out[i] = y * (1.2 + Math.sin(2 * Math.PI * swell * i / rate + phase));
        }
        return out;
    }

    /** Mains hum (50 or 60 Hz and four harmonics) over white fan noise. */
    static double[] humAndFan(int n, int rate, Random random) {
        double[] out = new double[n];
        double mains = random.nextBoolean() ? 50 : 60;
        for (int i = 0; i < n; i++) {
            double t = i / (double) rate;
            double hum = 0;
            for (int h = 1; h <= 5; h++) {
                hum += Math.sin(2 * Math.PI * mains * h * t) / h;
            }
            out[i] = hum + 0.7 * random.nextGaussian();
        }
        return out;
    }

    /** A phone's automatic gain brings active speech to −20 dBFS; {@code overDb} more drives it into clipping. */
    static float[] agcAndClip(float[] x, int rate, double overDb) {
        double active = Augmentation.activePower(x, rate);
        if (active <= 0) {
            return x;
        }
        double target = Math.pow(10, -20 / 10.0);
        double gainDb = 10 * Math.log10(target / active) + overDb;
        return Augmentation.gain(x, gainDb);
    }

    /** A narrowband call: 8 kHz, 300–3400 Hz, G.711 A-law; back at the original rate. */
    static float[] narrowband(float[] x, int rate) {
        return Augmentation.phoneLine(x, rate, PhoneDegradation::aLawRoundTrip);
    }

    /** A low-bitrate wideband codec, crudely: nothing above 3–5 kHz and 10-bit samples. */
    static float[] codecBand(float[] x, int rate, Random random) {
        float[] band = Augmentation.lowpass(x, rate, (int) uniform(random, 3000, 5000));
        for (int i = 0; i < band.length; i++) {
            band[i] = Math.round(band[i] * 512) / 512f;
        }
        return band;
    }

    /** G.711 A-law (A = 87.6), 8 bits. */
    static float aLawRoundTrip(float sample) {
        double a = 87.6;
        double s = Math.max(-1, Math.min(1, sample));
        double m = Math.abs(s);
        double y = m < 1 / a ? a * m / (1 + Math.log(a)) : (1 + Math.log(a * m)) / (1 + Math.log(a));
        double q = Math.round(y * 127) / 127.0;
        double back = q < 1 / (1 + Math.log(a)) ? q * (1 + Math.log(a)) / a
                : Math.exp(q * (1 + Math.log(a)) - 1) / a;
        return (float) (Math.signum(s) * back);
    }

    private static double uniform(Random random, double min, double max) {
        return min + (max - min) * random.nextDouble();
    }
}
