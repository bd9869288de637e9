package io.github.ser.tagging;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ser.function.testing.RepoFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * S3 events as Lambda delivers them: {@code events/s3-put.json} with its bucket and keys rewritten, read by the
 * Lambda Java runtime's own event serializer.
 */
final class S3Events {
    private static final ObjectMapper JSON = new ObjectMapper();

    private S3Events() {
    }

    /** {@code events/s3-put.json} as it is, but in {@code bucket}. */
    static S3Event fromFile(String bucket) {
        return parse(RepoFiles.event("s3-put.json").replace("ser-clips-123456789012", bucket));
    }

    /** One ObjectCreated:Put record per key, each key encoded the way S3 encodes it in notifications. */
    static S3Event put(String bucket, String... keys) {
        try {
            ObjectNode event = (ObjectNode) JSON.readTree(RepoFiles.event("s3-put.json"));
            ObjectNode template = (ObjectNode) event.get("Records").get(0);
            ArrayNode records = JSON.createArrayNode();
            for (String key : keys) {
                ObjectNode record = template.deepCopy();
                ObjectNode s3 = (ObjectNode) record.get("s3");
                ((ObjectNode) s3.get("bucket")).put("name", bucket).put("arn", "arn:aws:s3:::" + bucket);
                ((ObjectNode) s3.get("object")).put("key", encode(key));
                records.add(record);
            }
            event.set("Records", records);
            return parse(JSON.writeValueAsString(event));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** S3 notifications form-encode each path segment: spaces become '+', UTF-8 bytes %XX, '/' stays. */
    static String encode(String key) {
        return Arrays.stream(key.split("/", -1))
                .map(segment -> URLEncoder.encode(segment, StandardCharsets.UTF_8))
                .collect(Collectors.joining("/"));
    }

    private static S3Event parse(String json) {
        return LambdaEventSerializers.serializerFor(S3Event.class, S3Events.class.getClassLoader()).fromJson(json);
    }
}
