package io.github.ser.features;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ser.audio.AudioClip;
import io.github.ser.audio.AudioDecoder;
import io.github.ser.audio.AudioLimits;
import io.github.ser.dsp.Chroma;
import io.github.ser.dsp.Dct;
import io.github.ser.dsp.Decibels;
import io.github.ser.dsp.FrameStatistics;
import io.github.ser.dsp.MelFilterBank;
import io.github.ser.dsp.Stft;
import io.github.ser.dsp.StftConfig;
import io.github.ser.dsp.Tuning;
import io.github.ser.testing.SharedData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Parity with librosa 0.10.2 on every item of ../shared/golden/librosa-0.10.2.json: the 180-number seed vector,
 * the tuning estimate, the speech-framing means and, where given, the frame-by-frame matrices.
 * Tolerances are float32 rounding: MFCC 1e-3 dB units, mel power 1e-4 relative, chroma 1e-4.
 */
class GoldenParityTest {
    private static final double MFCC_TOL = 1e-3;
    private static final double MEL_REL_TOL = 1e-4;
    private static final double CHROMA_TOL = 1e-4;

    static Stream<Arguments> items() throws IOException {
        JsonNode golden = new ObjectMapper().readTree(SharedData.golden().resolve("librosa-0.10.2.json").toFile());
        List<Arguments> out = new ArrayList<>();
        for (JsonNode item : golden.get("items")) {
            out.add(Arguments.of(item.get("file").asText(), item));
        }
        return out.stream();
    }

    /** The items the golden file carries frame-by-frame matrices for (five of them), so no case passes vacuously. */
    static Stream<Arguments> itemsWithMatrices() throws IOException {
        List<Arguments> out = items().filter(a -> ((JsonNode) a.get()[1]).has("seed_mfcc")).toList();
        if (out.isEmpty()) {
            throw new IllegalStateException("the golden file has no frame matrices");
        }
        return out.stream();
    }

    private static AudioClip load(String file) throws Exception {
        Path path = file.startsWith("signals/") ? SharedData.golden().resolve(file) : SharedData.datasets().resolve(file);
        return new AudioDecoder(AudioLimits.defaults()).decode(Files.readAllBytes(path));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("items")
    void seedVectorAndTuningMatchLibrosa(String file, JsonNode item) throws Exception {
        AudioClip clip = load(file);
        assertEquals(item.get("sr").asInt(), clip.sampleRate());
        assertEquals(item.get("samples").asInt(), clip.samples().length);

        double[][] power = new Stft(StftConfig.librosaDefault()).power(clip.samples());
        assertEquals(item.get("frames").asInt(), power.length, "frame count");
        double tuning = Tuning.estimate(Stft.magnitude(power), clip.sampleRate());
        assertEquals(item.get("tuning").asDouble(), tuning, 1e-9, "tuning");

        double[] seed = new SeedFeatureSet().extract(clip.samples(), clip.sampleRate());
        JsonNode expected = item.get("seed_vector");
        assertEquals(180, seed.length);
        for (int i = 0; i < 180; i++) {
            double want = expected.get(i).asDouble();
            if (i < 40) {
                assertEquals(want, seed[i], MFCC_TOL, "mfcc " + i);
            } else if (i < 52) {
                assertEquals(want, seed[i], CHROMA_TOL, "chroma " + (i - 40));
            } else {
                assertRelative(want, seed[i], "mel " + (i - 52));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("items")
    void speechFramingMeansMatchLibrosa(String file, JsonNode item) throws Exception {
        AudioClip clip = load(file);
        StftConfig speech = new StftConfig(512, 160, 400);
        double[][] power = new Stft(speech).power(clip.samples());
        assertEquals(item.get("speech_frames").asInt(), power.length, "speech frame count");
        double[][] mel = MelFilterBank.create(clip.sampleRate(), 512, 64).apply(power);
        double[][] mfcc = new Dct(64, 20).transform(Decibels.powerToDb(mel));
        assertVector(item.get("speech_mel_mean"), FrameStatistics.mean(mel), true, "speech mel");
        assertVector(item.get("speech_mfcc_mean"), FrameStatistics.mean(mfcc), false, "speech mfcc");
        if (item.has("speech_mfcc")) {
            assertMatrix(item.get("speech_mfcc"), mfcc, MFCC_TOL, "speech mfcc frames");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("itemsWithMatrices")
    void frameByFrameMatricesMatchLibrosa(String file, JsonNode item) throws Exception {
        AudioClip clip = load(file);
        double[][] power = new Stft(StftConfig.librosaDefault()).power(clip.samples());
        double[][] magnitude = Stft.magnitude(power);
        double[][] mel = MelFilterBank.create(clip.sampleRate(), 2048, 128).apply(power);
        assertMatrix(item.get("seed_mfcc"), new Dct(128, 40).transform(Decibels.powerToDb(mel)), MFCC_TOL, "mfcc");
        double tuning = Tuning.estimate(magnitude, clip.sampleRate());
        assertMatrix(item.get("seed_chroma"), Chroma.fromMagnitude(magnitude, clip.sampleRate(), tuning, 12),
                CHROMA_TOL, "chroma");
        JsonNode melRows = item.get("seed_mel");
        for (int m = 0; m < melRows.size(); m++) {
            for (int t = 0; t < melRows.get(m).size(); t++) {
                assertRelative(melRows.get(m).get(t).asDouble(), mel[t][m], "mel[" + m + "][" + t + "]");
            }
        }
    }

    private static void assertVector(JsonNode expected, double[] actual, boolean relative, String what) {
        assertEquals(expected.size(), actual.length, what + " length");
        for (int i = 0; i < actual.length; i++) {
            if (relative) {
                assertRelative(expected.get(i).asDouble(), actual[i], what + " " + i);
            } else {
                assertEquals(expected.get(i).asDouble(), actual[i], MFCC_TOL, what + " " + i);
            }
        }
    }

    /** Golden matrices are {@code [coefficient][frame]}, ours {@code [frame][coefficient]}. */
    private static void assertMatrix(JsonNode rows, double[][] actual, double tol, String what) {
        assertEquals(rows.get(0).size(), actual.length, what + " frames");
        for (int c = 0; c < rows.size(); c++) {
            for (int t = 0; t < rows.get(c).size(); t++) {
                assertEquals(rows.get(c).get(t).asDouble(), actual[t][c], tol, what + "[" + c + "][" + t + "]");
            }
        }
    }

    private static void assertRelative(double want, double got, String what) {
        double scale = Math.max(Math.abs(want), 1e-30);
        assertTrue(Math.abs(want - got) <= MEL_REL_TOL * scale + 1e-30,
                what + ": expected " + want + " got " + got);
    }
}
