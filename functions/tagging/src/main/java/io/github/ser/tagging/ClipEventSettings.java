package io.github.ser.tagging;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.net.URI;

/**
 * Where {@code Clip Tagged} events go, from {@code ser.events.*} or {@code SER_EVENTS_BUS},
 * {@code SER_EVENTS_ENDPOINT}, {@code SER_EVENTS_REGION}. No bus, no events: the template names the default bus
 * unless its {@code PublishClipEvents} parameter is {@code false}; the local stack and the tests name none.
 */
@ConfigurationProperties("ser.events")
public class ClipEventSettings {
    @Nullable
    private String bus;
    @Nullable
    private URI endpoint;
    @Nullable
    private String region;

    /** Event bus name or ARN ({@code default} is the account's default bus); null publishes nothing. */
    @Nullable
    public String getBus() {
        return bus;
    }

    public void setBus(@Nullable String bus) {
        this.bus = bus == null || bus.isBlank() ? null : bus;
    }

    /** Another EventBridge endpoint (tests); null for AWS. */
    @Nullable
    public URI getEndpoint() {
        return endpoint;
    }

    public void setEndpoint(@Nullable URI endpoint) {
        this.endpoint = endpoint;
    }

    /** Null means the SDK's default chain ({@code AWS_REGION} in Lambda). */
    @Nullable
    public String getRegion() {
        return region;
    }

    public void setRegion(@Nullable String region) {
        this.region = region;
    }
}
