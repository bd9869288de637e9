package io.github.ser.api;

import io.github.ser.audio.HostileAudio;
import io.github.ser.function.testing.RepoFiles;
import io.github.ser.function.testing.TestAudio;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The bad-input table, one row per case of issue #9 (the number starts each name), run through API Gateway's proxy
 * translation ({@link HostileRequestsTest}) and through Netty ({@link HostileRequestsNettyTest}) with the same
 * expectations. A client's mistake is always a 4xx with its stable code; no row may get a 5xx.
 */
final class HostileRequests {
    /** The page's origin in these tests' configuration: any other is foreign. */
    static final String ALLOWED_ORIGIN = "http://localhost:8080";
    static final String NO_STATUS_KEY = "uploads/hostile/no-status.wav";
    static final String NOT_JSON_KEY = "uploads/hostile/not-json.wav";

    private HostileRequests() {
    }

    /**
     * @param status expected status; {@code code} the expected {@code error}, or null for a success
     */
    record Row(String name, String method, String path, Map<String, String> headers, byte[] body, int status,
               String code, boolean needsModel) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Objects some rows read: results that our tagging function did not write. */
    static void plant(S3Client s3, String bucket) {
        for (String key : List.of(NO_STATUS_KEY, NOT_JSON_KEY)) {
            s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(TestAudio.silence(1, 16000)));
        }
        s3.putObject(b -> b.bucket(bucket).key("results/hostile/no-status.wav.json"),
                RequestBody.fromString("{\"prediction\": {\"emotion\": \"calm\"}}"));
        s3.putObject(b -> b.bucket(bucket).key("results/hostile/not-json.wav.json"), RequestBody.fromString("<html>"));
    }

    static List<Row> rows() throws Exception {
        List<Row> rows = new ArrayList<>();
        byte[] wav = RepoFiles.sharedBytes(TestAudio.SAMPLE_WAV);
        float[] tone = HostileAudio.tone(HostileAudio.RATE, 1.5);

        // 1. non-finite samples; beyond ±1 on purpose
        rows.add(predict("1 float WAV all NaN", HostileAudio.floatWav(HostileAudio.toneWith(Float.NaN, 1), 16000), 400, "corrupt_audio"));
        rows.add(predict("1 NaN every 1000th sample", HostileAudio.floatWav(HostileAudio.toneWith(Float.NaN, 1000), 16000), 400, "corrupt_audio"));
        rows.add(predict("1 +Inf", HostileAudio.floatWav(HostileAudio.toneWith(Float.POSITIVE_INFINITY, 5000), 16000), 400, "corrupt_audio"));
        rows.add(predict("1 -Inf", HostileAudio.floatWav(HostileAudio.toneWith(Float.NEGATIVE_INFINITY, 5000), 16000), 400, "corrupt_audio"));
        rows.add(predict("1 samples x 1e30", HostileAudio.floatWav(HostileAudio.scaled(tone, 1e30f), 16000), 400, "corrupt_audio"));
        rows.add(predict("1 samples x 4 (over full scale) are analysed", HostileAudio.floatWav(HostileAudio.scaled(tone, 4), 16000), 200, null));

        // 2. amplification: small files claiming much audio
        rows.add(predict("2 FLAC declaring 599 s at 192 kHz", HostileAudio.flacBomb599sAt192kHz(true), 400, "corrupt_audio"));
        rows.add(predict("2 FLAC of 599 s at 192 kHz, no length", HostileAudio.flacBomb599sAt192kHz(false), 400, "corrupt_audio"));

        // 5. encodings, keys, stored results, Accept, origins
        rows.add(encoded("5 gzip of a WAV is inflated", "gzip", gzip(wav), 200, null));
        rows.add(encoded("5 gzip with bad data", "gzip", "not gzip at all".getBytes(StandardCharsets.US_ASCII), 400, "bad_request"));
        rows.add(encoded("5 gzip inflating past the limit", "gzip", gzip(new byte[5_000_000]), 413, "too_large"));
        rows.add(encoded("5 deflate with bad data", "deflate", new byte[]{1, 2, 3, 4, 5}, 400, "bad_request"));
        rows.add(encoded("5 deflate inflating past the limit", "deflate", deflate(new byte[5_000_000]), 413, "too_large"));
        rows.add(encoded("5 snappy", "snappy", wav, 415, "unsupported_media_type"));
        rows.add(new Row("5 NUL in the key", "GET", "/results/%00", Map.of(), null, 400, "bad_request", false));
        rows.add(new Row("5 control character in the key", "GET", "/results/uploads/a%0Db.wav", Map.of(), null, 400, "bad_request", false));
        rows.add(new Row("5 result object without status", "GET", "/results/" + NO_STATUS_KEY, Map.of(), null, 404, "not_ready", false));
        rows.add(new Row("5 result object not JSON", "GET", "/results/" + NOT_JSON_KEY, Map.of(), null, 404, "not_ready", false));
        rows.add(new Row("5 Accept: text/html", "GET", "/health", Map.of("Accept", "text/html"), null, 406, "not_acceptable", false));
        rows.add(new Row("5 Accept: text/html on an unknown route", "GET", "/nowhere", Map.of("Accept", "text/html"), null, 404, "not_found", false));
        rows.add(new Row("5 preflight from a foreign origin", "OPTIONS", "/uploads", Map.of("Origin", "https://evil.example.com",
                "Access-Control-Request-Method", "POST"), null, 403, "forbidden_origin", false));

        // 9. upload content types: only what the decoders read
        rows.add(upload("9 CR LF in the content type", "audio/wav\r\nX-Evil: 1", 415, "unsupported_media_type"));
        rows.add(upload("9 audio type we do not decode", "audio/x-ms-wma", 415, "unsupported_media_type"));
        rows.add(upload("9 parameters on the type", "audio/wav; codecs=1", 415, "unsupported_media_type"));
        rows.add(upload("9 an allowed type in capitals", "AUDIO/FLAC", 201, null));

        // issue 19. callers' mistakes that were 5xx, and sizes that were coerced
        rows.add(uploadJson("19.5 /uploads body null", "null", 400, "bad_request"));
        rows.add(uploadJson("19.5 /uploads body a JSON array", "[1000]", 400, "bad_request"));
        rows.add(uploadJson("19.7 size 1.5", "{\"size\": 1.5}", 400, "bad_request"));
        rows.add(uploadJson("19.7 size 1000.0", "{\"size\": 1000.0}", 400, "bad_request"));
        rows.add(uploadJson("19.7 size true", "{\"size\": true}", 400, "bad_request"));
        rows.add(uploadJson("19.7 size as a string", "{\"size\": \"100\"}", 400, "bad_request"));
        rows.add(uploadJson("19.7 contentType a number", "{\"size\": 100, \"contentType\": 7}", 400, "bad_request"));
        rows.add(uploadJson("19.7 size a whole number", "{\"size\": 1000, \"fileName\": null}", 201, null));
        rows.add(new Row("19.5 backslash in the key", "GET", "/results/uploads/a%5Cb.wav", Map.of(), null, 400, "bad_request", false));
        // its result key, results/<key>.json, would pass S3's 1024 bytes: KeyTooLongError on AWS
        rows.add(new Row("19.5 a key whose result key is too long for S3", "GET", "/results/uploads/" + "a".repeat(1014), Map.of(), null, 400, "bad_request", false));
        return rows;
    }

    private static Row predict(String name, byte[] body, int status, String code) {
        return new Row(name, "POST", "/predict", Map.of("Content-Type", "audio/wav"), body, status, code, true);
    }

    private static Row encoded(String name, String coding, byte[] body, int status, String code) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "audio/wav");
        headers.put("Content-Encoding", coding);
        return new Row(name, "POST", "/predict", headers, body, status, code, true);
    }

    private static Row upload(String name, String contentType, int status, String code) {
        String json = "{\"size\": 1000, \"contentType\": \"" + contentType.replace("\r", "\\r").replace("\n", "\\n") + "\"}";
        return uploadJson(name, json, status, code);
    }

    private static Row uploadJson(String name, String json, int status, String code) {
        return new Row(name, "POST", "/uploads", Map.of("Content-Type", "application/json"),
                json.getBytes(StandardCharsets.UTF_8), status, code, false);
    }

    static byte[] gzip(byte[] data) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    static byte[] deflate(byte[] data) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(out)) {
            z.write(data);
        }
        return out.toByteArray();
    }
}
