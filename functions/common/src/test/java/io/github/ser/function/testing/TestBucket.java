package io.github.ser.function.testing;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.util.LinkedHashMap;
import java.util.Map;

/** One bucket of the tests' S3 server, for the uploads and tag reads every function test makes. */
public record TestBucket(S3Client s3, String name) {

    public void put(String key, byte[] bytes) {
        s3.putObject(b -> b.bucket(name).key(key), RequestBody.fromBytes(bytes));
    }

    /** The object's tags, in the order S3 returns them. */
    public Map<String, String> tags(String key) {
        Map<String, String> tags = new LinkedHashMap<>();
        s3.getObjectTagging(b -> b.bucket(name).key(key)).tagSet().forEach(t -> tags.put(t.key(), t.value()));
        return tags;
    }
}
