package io.github.ser.cli;

import io.micronaut.context.ApplicationContext;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * Where the commands that read a bucket ({@code backfill}, {@code tune}) find S3: AWS, or an S3-compatible server such
 * as the local stack's. The client is the functions' own ({@code AwsClientFactory}), configured by these properties.
 */
final class S3Access {

    @Option(names = {"--endpoint", "--s3-endpoint"}, paramLabel = "URL",
            description = "An S3-compatible server instead of AWS, e.g. the local stack's http://localhost:9090 "
                    + "(path-style, dummy credentials).")
    URI endpoint;

    @Option(names = "--region", paramLabel = "REGION",
            description = "AWS region. Default: the SDK's ($AWS_REGION, the profile), us-east-1 with --endpoint.")
    String region;

    /** The {@code ser.*} properties that point the functions' S3 client here. */
    Map<String, Object> properties() {
        Map<String, Object> properties = new HashMap<>();
        if (endpoint != null) {
            properties.put("ser.s3-endpoint", endpoint.toString());
            properties.put("ser.s3-path-style", true);
            properties.put("ser.s3-region", region != null ? region : "us-east-1");
            io.github.ser.local.S3MockServer.signWithLocalKey();
        } else if (region != null) {
            properties.put("ser.s3-region", region);
        }
        return properties;
    }

    /** A context whose {@link S3Client} bean is configured by these options. */
    ApplicationContext start() {
        return ApplicationContext.builder().deduceEnvironment(false).properties(properties()).start();
    }
}
