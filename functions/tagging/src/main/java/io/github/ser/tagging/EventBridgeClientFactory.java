package io.github.ser.tagging;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/** The EventBridge client, only when there is a bus to publish to. */
@Factory
public class EventBridgeClientFactory {

    @Singleton
    @Requires(property = "ser.events.bus")
    @Bean(preDestroy = "close")
    EventBridgeClient eventBridgeClient(ClipEventSettings settings) {
        var builder = EventBridgeClient.builder()
                // the same URLConnection client as S3: no second HTTP stack in the function
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD));
        if (settings.getRegion() != null) {
            builder.region(Region.of(settings.getRegion()));
        }
        if (settings.getEndpoint() != null) {
            builder.endpointOverride(settings.getEndpoint());
        }
        return builder.build();
    }
}
