package io.github.ser.function;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** The S3 client and presigner, pointed at AWS or at a local S3-compatible server by {@link SerConfiguration}. */
@Factory
public class AwsClientFactory {

    @Singleton
    @Bean(preDestroy = "close")
    S3Client s3Client(SerConfiguration config) {
        var builder = S3Client.builder()
                // URLConnection: no Apache/Netty stack to load, the cheapest cold start. Its own timeouts catch a
                // server that accepts connections but never answers (frozen), which the SDK's defaults let hang
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(config.getS3AttemptTimeout())
                        .socketTimeout(config.getS3AttemptTimeout()))
                // transient errors (5xx, throttling, resets, timed-out attempts) are retried with backoff, all within
                // the call timeout, so a caller waits seconds, not the SDK default of three 30 s attempts
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD)
                        .apiCallAttemptTimeout(config.getS3AttemptTimeout())
                        .apiCallTimeout(config.getS3CallTimeout()))
                .forcePathStyle(config.isS3PathStyle());
        if (config.getS3Region() != null) {
            builder.region(Region.of(config.getS3Region()));
        }
        if (config.getS3Endpoint() != null) {
            builder.endpointOverride(config.getS3Endpoint());
        }
        return builder.build();
    }

    @Singleton
    @Bean(preDestroy = "close")
    S3Presigner s3Presigner(SerConfiguration config) {
        var builder = S3Presigner.builder()
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(config.isS3PathStyle()).build());
        if (config.getS3Region() != null) {
            builder.region(Region.of(config.getS3Region()));
        }
        if (config.getS3Endpoint() != null) {
            builder.endpointOverride(config.getS3Endpoint());
        }
        return builder.build();
    }
}
