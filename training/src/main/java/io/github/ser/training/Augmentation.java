package io.github.ser.training;

import io.github.ser.audio.Resampler;
import io.github.ser.dsp.FrameEnergy;
import io.github.ser.dsp.Loudness;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * A deterministic change to a training recording that mimics another voice or another channel: a chain of steps
 * joined by {@code +}, e.g. {@code speed:1.1+noise:20}. Steps:
 * <ul>
 *   <li>{@code speed:F}: played F times faster and higher (Kaldi-style speed perturbation: a new voice);</li>
 *   <li>{@code gain:DB}: louder or quieter (clipped at ±1, as a recorder would);</li>
 *   <li>{@code noise:SNR}: pink noise at SNR dB below the active speech (a room, a fan, a street);</li>
 *   <li>{@code telephone}: 8 kHz, 300–3400 Hz, 8-bit μ-law (a phone line);</li>
 *   <li>{@code lowpass:HZ}: nothing above HZ (a low-bitrate codec);</li>
 *   <li>{@code room:RT60}: a synthetic room whose reverberation decays by 60 dB in RT60 seconds (direct path 3 dB
 *       above the tail);</li>
 *   <li>{@code phone-test}: the {@code corpus-phone} protocol's fixed test condition ({@link PhoneDegradation}), for
 *       test copies only: training refuses it ({@link #forTraining}).</li>
 * </ul>
 * The noise is seeded by the file name, so the same clip always gets the same copy (and the feature cache holds).
 *
 * @param spec the chain as written; {@code none} for the recording as it is
 */
public record Augmentation(String spec) {

    public static final Augmentation NONE = new Augmentation("none");

    public Augmentation {
        spec = spec.trim().toLowerCase(Locale.ROOT);
        for (String step : steps(spec)) {
            check(step);
        }
    }

    public boolean isNone() {
        return "none".equals(spec);
    }

    /** The test condition of the phone protocol, never a training copy. */
    public static final Augmentation PHONE_TEST = new Augmentation("phone-test");

    /** {@code specs} as training copies: refuses the phone protocol's test condition. */
    public static List<Augmentation> forTraining(List<String> specs) {
        List<Augmentation> pool = parseList(specs);
        if (pool.stream().anyMatch(a -> a.spec.contains(PHONE_TEST.spec))) {
            throw new IllegalArgumentException("--augment: phone-test is the corpus-phone protocol's test "
                    + "condition; training copies must not use it");
        }
        return pool;
    }

    /** Comma-separated augmentations ({@code none} alone for none). */
    public static List<Augmentation> parseList(List<String> specs) {
        List<Augmentation> out = new ArrayList<>();
        for (String s : specs) {
            Augmentation a = new Augmentation(s);
            if (!a.isNone()) {
                out.add(a);
            }
        }
        return List.copyOf(out);
    }

    /**
     * Which {@code copies} of {@code pool} a clip gets: all of them when copies covers the pool, else a fixed
     * random choice per file (so every clip gets some variety and the choice is the same on every run).
     */
    public static List<Augmentation> choose(List<Augmentation> pool, int copies, Path file) {
        if (copies >= pool.size()) {
            return pool;
        }
        List<Augmentation> shuffled = new ArrayList<>(pool);
        java.util.Collections.shuffle(shuffled, new Random(file.getFileName().toString().hashCode()));
        return List.copyOf(shuffled.subList(0, copies));
    }

    /** The augmented copy of {@code samples} at {@code rate}; {@code file} seeds the noise. */
    public float[] apply(float[] samples, int rate, Path file) {
        float[] x = samples;
        Random random = new Random(31L * file.getFileName().toString().hashCode() + spec.hashCode());
        for (String step : steps(spec)) {
            String[] kv = step.split(":");
            x = switch (kv[0]) {
                case "none" -> x;
                case "speed" -> speed(x, rate, Double.parseDouble(kv[1]));
                case "gain" -> gain(x, Double.parseDouble(kv[1]));
                case "noise" -> addPinkNoise(x, rate, Double.parseDouble(kv[1]), random);
                case "telephone" -> telephone(x, rate);
                case "lowpass" -> lowpass(x, rate, Integer.parseInt(kv[1]));
                case "room" -> Reverberation.convolve(x, Reverberation.impulseResponse(rate, Double.parseDouble(kv[1]),
                        3, random));
                case "phone-test" -> PhoneDegradation.apply(x, rate, random);
                default -> throw new IllegalStateException(step);
            };
        }
        return x;
    }

    /** Resampled to fewer samples and read at the original rate: shorter and higher by the same factor. */
    static float[] speed(float[] x, int rate, double factor) {
        return Resampler.resample(x, rate, (int) Math.round(rate / factor));
    }

    static float[] gain(float[] x, double db) {
        float g = (float) Math.pow(10, db / 20);
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = Math.max(-1f, Math.min(1f, x[i] * g));
        }
        return out;
    }

    /** Pink noise (Paul Kellet's filter on white noise) scaled to {@code snrDb} below the RMS of active speech. */
    static float[] addPinkNoise(float[] x, int rate, double snrDb, Random random) {
        double[] pink = new double[x.length];
        double b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0, b6 = 0;
        for (int i = 0; i < x.length; i++) {
            double w = random.nextGaussian();
            b0 = 0.99886 * b0 + w * 0.0555179;
            b1 = 0.99332 * b1 + w * 0.0750759;
            b2 = 0.96900 * b2 + w * 0.1538520;
            b3 = 0.86650 * b3 + w * 0.3104856;
            b4 = 0.55000 * b4 + w * 0.5329522;
            b5 = -0.7616 * b5 - w * 0.0168980;
            pink[i] = b0 + b1 + b2 + b3 + b4 + b5 + b6 + w * 0.5362;
            b6 = w * 0.115926;
        }
        return mix(x, rate, pink, snrDb);
    }

    /** {@code x} plus {@code noise} scaled to {@code snrDb} below the power of x's active speech. */
    static float[] mix(float[] x, int rate, double[] noise, double snrDb) {
        double noisePower = 0;
        for (double v : noise) {
            noisePower += v * v;
        }
        noisePower /= Math.max(1, x.length);
        double speechPower = activePower(x, rate);
        double scale = noisePower > 0 ? Math.sqrt(speechPower / noisePower / Math.pow(10, snrDb / 10)) : 0;
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (float) (x[i] + scale * noise[i]);
        }
        return out;
    }

    /** A phone line: 8 kHz sampling, 8-bit μ-law, a 300 Hz high-pass; back at the original rate. */
    static float[] telephone(float[] x, int rate) {
        return phoneLine(x, rate, Augmentation::muLawRoundTrip);
    }

    /** 8 kHz sampling, each sample through {@code companding} (a G.711 law), a 300 Hz high-pass; back at rate. */
    static float[] phoneLine(float[] x, int rate, UnaryOperator<Float> companding) {
        float[] narrow = Resampler.resample(x, rate, 8000);
        for (int i = 0; i < narrow.length; i++) {
            narrow[i] = companding.apply(narrow[i]);
        }
        return Resampler.resample(highPass(narrow, 8000, 300), 8000, rate);
    }

    /** Band-limited to {@code cutoff} Hz by resampling down to twice that and back. */
    static float[] lowpass(float[] x, int rate, int cutoff) {
        int narrowRate = 2 * cutoff;
        return narrowRate >= rate ? x : Resampler.resample(Resampler.resample(x, rate, narrowRate), narrowRate, rate);
    }

    /** G.711 μ-law: 8 bits, logarithmic (μ = 255). */
    static float muLawRoundTrip(float sample) {
        double mu = 255;
        double s = Math.max(-1, Math.min(1, sample));
        double y = Math.signum(s) * Math.log1p(mu * Math.abs(s)) / Math.log1p(mu);
        double q = Math.round(y * 127) / 127.0;
        return (float) (Math.signum(q) * (Math.pow(1 + mu, Math.abs(q)) - 1) / mu);
    }

    /** Second-order Butterworth high-pass (RBJ cookbook biquad, Q = 1/√2). */
    static float[] highPass(float[] x, int rate, double cutoff) {
        double w = 2 * Math.PI * cutoff / rate;
        double alpha = Math.sin(w) / Math.sqrt(2);
        double cos = Math.cos(w);
        double a0 = 1 + alpha;
        double b0 = (1 + cos) / 2 / a0;
        double b1 = -(1 + cos) / a0;
        double b2 = b0;
        double a1 = -2 * cos / a0;
        double a2 = (1 - alpha) / a0;
        float[] y = new float[x.length];
        double x1 = 0, x2 = 0, y1 = 0, y2 = 0;
        for (int i = 0; i < x.length; i++) {
            double out = b0 * x[i] + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
            x2 = x1;
            x1 = x[i];
            y2 = y1;
            y1 = out;
            y[i] = (float) out;
        }
        return y;
    }

    /** Mean power of the frames within 35 dB of the loudest (25 ms frames), the level "speech" has in an SNR. */
    static double activePower(float[] x, int rate) {
        int frame = Math.max(1, rate / 40);
        double[] levels = FrameEnergy.rmsDb(x, frame, frame);
        return Loudness.activePower(levels, FrameEnergy.active(levels, 35, -80));
    }

    private static List<String> steps(String spec) {
        return List.of(spec.split("\\+"));
    }

    private static void check(String step) {
        String[] kv = step.split(":");
        boolean ok = switch (kv[0]) {
            case "none", "telephone", "phone-test" -> kv.length == 1;
            case "room" -> kv.length == 2 && inRange(kv[1], 0.05, 2.0);
            case "speed" -> kv.length == 2 && inRange(kv[1], 0.5, 2.0);
            case "gain" -> kv.length == 2 && inRange(kv[1], -40, 20);
            case "noise" -> kv.length == 2 && inRange(kv[1], -10, 60);
            case "lowpass" -> kv.length == 2 && inRange(kv[1], 500, 24_000);
            default -> false;
        };
        if (!ok) {
            throw new IllegalArgumentException("unknown augmentation step '" + step + "': expected speed:F (0.5-2), "
                    + "gain:DB, noise:SNR, telephone, lowpass:HZ or room:RT60, joined by +");
        }
    }

    private static boolean inRange(String number, double min, double max) {
        try {
            double v = Double.parseDouble(number);
            return v >= min && v <= max;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
