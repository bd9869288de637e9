package io.github.ser.local;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ser.function.testing.RepoFiles;
import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

class S3EventJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void hasTheShapeOfTheCommittedSampleEvent() throws Exception {
        String ours = S3EventJson.objectCreated("us-east-1", "clips", "uploads/a b.wav", 1234, "\"abc\"", null, Instant.now());
        assertEquals(fieldPaths(JSON.readTree(RepoFiles.event("s3-put.json"))), fieldPaths(JSON.readTree(ours)));
    }

    @Test
    void keysAreEncodedAsS3DoesAndDecodeBack() throws Exception {
        String key = "uploads/my clip été+1 (2).wav";
        String encoded = S3EventJson.encodeKey(key);
        assertEquals("uploads/my+clip+%C3%A9t%C3%A9%2B1+%282%29.wav", encoded);
        assertEquals(key, URLDecoder.decode(encoded, StandardCharsets.UTF_8));
    }

    @Test
    void lambdasOwnDeserializerReadsIt() {
        String json = S3EventJson.objectCreated("us-east-1", "clips", "uploads/x y.wav", 99, "\"e\"", null,
                Instant.parse("2026-01-02T03:04:05Z"));
        S3Event event = LambdaEventSerializers.serializerFor(S3Event.class, getClass().getClassLoader())
                .fromJson(json);
        var record = event.getRecords().get(0);
        assertEquals("ObjectCreated:Put", record.getEventName());
        assertEquals("clips", record.getS3().getBucket().getName());
        assertEquals("uploads/x+y.wav", record.getS3().getObject().getKey());
        assertEquals("uploads/x y.wav", record.getS3().getObject().getUrlDecodedKey());
        assertEquals(99L, record.getS3().getObject().getSizeAsLong());
    }

    /** Every path to a field, e.g. Records[].s3.object.key; values are ignored. */
    private static TreeSet<String> fieldPaths(JsonNode node) {
        TreeSet<String> paths = new TreeSet<>();
        collect(node, "", paths);
        return paths;
    }

    private static void collect(JsonNode node, String prefix, TreeSet<String> paths) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                var field = it.next();
                String path = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
                paths.add(path);
                collect(field.getValue(), path, paths);
            }
        } else if (node.isArray()) {
            node.forEach(element -> collect(element, prefix + "[]", paths));
        }
    }
}
