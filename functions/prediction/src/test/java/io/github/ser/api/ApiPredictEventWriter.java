package io.github.ser.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ser.audio.AudioClip;
import io.github.ser.audio.AudioDecoder;
import io.github.ser.audio.AudioLimits;
import io.github.ser.audio.Resampler;
import io.github.ser.function.testing.RepoFiles;
import io.github.ser.function.testing.TestAudio;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;

/**
 * Writes {@code events/api-predict.json}: the API Gateway REST proxy event of {@code events/api-health.json},
 * turned into {@code POST /predict} with a base64 body, a real WAV: the loudest 3 s of the RAVDESS sample,
 * resampled to 16 kHz (16-bit mono, ~96 KB). Run from the repository root after changing either input:
 * {@code java -cp <test classpath> io.github.ser.api.ApiPredictEventWriter}.
 */
public final class ApiPredictEventWriter {
    static final double SECONDS = 3.0;
    static final int RATE = 16000;

    private ApiPredictEventWriter() {
    }

    public static void main(String[] args) throws Exception {
        AudioClip clip = new AudioDecoder(AudioLimits.defaults()).decode(RepoFiles.sharedBytes(TestAudio.SAMPLE_WAV));
        float[] at16k = Resampler.resample(clip.samples(), clip.sampleRate(), RATE);
        byte[] wav = TestAudio.wav16(loudest(at16k, (int) (SECONDS * RATE)), RATE);

        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode event = (ObjectNode) json.readTree(RepoFiles.event("api-health.json"));
        event.put("resource", "/predict").put("path", "/predict").put("httpMethod", "POST");
        ((ObjectNode) event.get("headers")).put("Content-Type", "audio/wav").put("Content-Length", String.valueOf(wav.length));
        ((ObjectNode) event.get("multiValueHeaders")).putArray("Content-Type").add("audio/wav");
        ((ObjectNode) event.get("multiValueHeaders")).putArray("Content-Length").add(String.valueOf(wav.length));
        ((ObjectNode) event.get("requestContext")).put("resourcePath", "/predict").put("httpMethod", "POST")
                .put("path", "/Prod/predict");
        // binary media types make API Gateway hand the body over base64-encoded
        event.put("body", Base64.getEncoder().encodeToString(wav)).put("isBase64Encoded", true);

        Path out = RepoFiles.root().resolve("events/api-predict.json");
        json.writeValue(out.toFile(), event);
        System.out.println("wrote " + out + " (" + Files.size(out) + " bytes, WAV " + wav.length + " bytes)");
    }

    /** The window of {@code length} samples with the most energy (the speech, not the silence around it). */
    static float[] loudest(float[] x, int length) {
        if (x.length <= length) {
            return x;
        }
        double energy = 0;
        for (int i = 0; i < length; i++) {
            energy += x[i] * x[i];
        }
        double best = energy;
        int bestStart = 0;
        for (int start = 1; start + length <= x.length; start++) {
            energy += x[start + length - 1] * x[start + length - 1] - x[start - 1] * x[start - 1];
            if (energy > best) {
                best = energy;
                bestStart = start;
            }
        }
        return Arrays.copyOfRange(x, bestStart, bestStart + length);
    }
}
