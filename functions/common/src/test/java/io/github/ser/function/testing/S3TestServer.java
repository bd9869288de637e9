package io.github.ser.function.testing;

import com.adobe.testing.s3mock.junit5.S3MockExtension;

import java.util.HashMap;
import java.util.Map;

/** Points the functions at the S3Mock server that a test class registers as an extension. */
public final class S3TestServer {
    public static final String BUCKET = "clips";

    private S3TestServer() {
    }

    /** A real S3-compatible server over plain HTTP, with the clip bucket created. */
    public static S3MockExtension extension() {
        return S3MockExtension.builder().silent().withSecureConnection(false).withInitialBuckets(BUCKET).build();
    }

    /** Micronaut properties that make {@code SerConfiguration} use the server. */
    public static Map<String, Object> properties(S3MockExtension s3, String modelPath) {
        return properties(s3.getServiceEndpoint(), modelPath);
    }

    /** The same for a server known by its endpoint (from a JVM of its own, say). */
    public static Map<String, Object> properties(String endpoint, String modelPath) {
        // S3Mock accepts any credentials; the SDK's default chain still wants some
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
        Map<String, Object> properties = new HashMap<>();
        properties.put("ser.s3-endpoint", endpoint);
        properties.put("ser.s3-path-style", true);
        properties.put("ser.s3-region", "us-east-1");
        properties.put("ser.bucket", BUCKET);
        properties.put("ser.model-path", modelPath);
        // a cold in-JVM S3Mock takes seconds to answer its first request on a loaded machine; the fault tests remove
        // these two and use the shipped timeouts
        properties.put("ser.s3-attempt-timeout", "10s");
        properties.put("ser.s3-call-timeout", "20s");
        return properties;
    }
}
