package io.github.ser.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * The JSON document S3 sends to Lambda for an {@code ObjectCreated:Put}, built for one object. Same shape as
 * {@code events/s3-put.json}, and the key is URL-encoded the way S3 does it (spaces as {@code +}, UTF-8 percent-escapes,
 * slashes kept), so the tagging handler's decoding is exercised locally too.
 */
public final class S3EventJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private S3EventJson() {
    }

    public static String objectCreated(String region, String bucket, String key, long size, String eTag,
                                       String versionId, Instant eventTime) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode record = root.putArray("Records").addObject();
        record.put("eventVersion", "2.1");
        record.put("eventSource", "aws:s3");
        record.put("awsRegion", region);
        record.put("eventTime", eventTime.toString());
        record.put("eventName", "ObjectCreated:Put");
        record.putObject("userIdentity").put("principalId", "AWS:LOCALSTACK");
        record.putObject("requestParameters").put("sourceIPAddress", "127.0.0.1");
        ObjectNode response = record.putObject("responseElements");
        response.put("x-amz-request-id", hex(16));
        response.put("x-amz-id-2", UUID.randomUUID().toString());
        ObjectNode s3 = record.putObject("s3");
        s3.put("s3SchemaVersion", "1.0");
        s3.put("configurationId", "local-upload-watcher");
        ObjectNode bucketNode = s3.putObject("bucket");
        bucketNode.put("name", bucket);
        bucketNode.putObject("ownerIdentity").put("principalId", "LOCALSTACK");
        bucketNode.put("arn", "arn:aws:s3:::" + bucket);
        ObjectNode object = s3.putObject("object");
        object.put("key", encodeKey(key));
        object.put("size", size);
        object.put("eTag", unquote(eTag));
        if (versionId != null && !versionId.isBlank()) {
            object.put("versionId", versionId);
        }
        object.put("sequencer", String.format(Locale.ROOT, "%016X", eventTime.toEpochMilli() * 1000 + Math.abs(key.hashCode() % 1000)));
        return root.toString();
    }

    /** S3's event key encoding: form-style URL encoding of each path segment. */
    static String encodeKey(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
    }

    private static String unquote(String eTag) {
        return eTag == null ? "" : eTag.replace("\"", "");
    }

    private static String hex(int length) {
        return UUID.randomUUID().toString().replace("-", "").substring(0, length).toUpperCase(Locale.ROOT);
    }
}
