package io.github.ser.tagging;

import io.github.ser.function.SerConfiguration;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * Tells the world a clip has been tagged: one {@value #DETAIL_TYPE} event from {@value #SOURCE} on the configured
 * bus, after the tags and the result are in place. A rejected event is our trouble and is thrown, so the clip is
 * processed again (idempotently) and the event sent again: delivery is at least once.
 */
@Singleton
public class ClipEvents {
    public static final String SOURCE = "io.github.ser";
    public static final String DETAIL_TYPE = "Clip Tagged";

    @Nullable
    private final EventBridgeClient eventBridge;
    private final ClipEventSettings settings;
    private final SerConfiguration config;
    private final JsonMapper json;

    public ClipEvents(@Nullable EventBridgeClient eventBridge, ClipEventSettings settings, SerConfiguration config,
                      JsonMapper json) {
        this.eventBridge = eventBridge;
        this.settings = settings;
        this.config = config;
        this.json = json;
    }

    /** Whether events are published at all (a bus is configured). */
    public boolean enabled() {
        return eventBridge != null && settings.getBus() != null;
    }

    void clipTagged(ClipResult result, String model) {
        if (!enabled()) {
            return;
        }
        ClipTaggedDetail detail = detail(result, model);
        PutEventsRequestEntry entry = PutEventsRequestEntry.builder()
                .eventBusName(settings.getBus())
                .source(SOURCE)
                .detailType(DETAIL_TYPE)
                .resources(String.format(Locale.ROOT, "arn:aws:s3:::%s/%s", result.bucket(), result.key()))
                .detail(toJson(detail))
                .build();
        PutEventsResponse response = eventBridge.putEvents(b -> b.entries(entry));
        if (response.failedEntryCount() != null && response.failedEntryCount() > 0) {
            PutEventsResultEntry failed = response.entries().get(0);
            throw new IllegalStateException("EventBridge rejected the Clip Tagged event for s3://" + result.bucket()
                    + "/" + result.key() + ": " + failed.errorCode() + " " + failed.errorMessage());
        }
    }

    ClipTaggedDetail detail(ClipResult result, String model) {
        String resultKey = config.resultKey(result.key());
        if (result.prediction() != null) {
            return new ClipTaggedDetail(result.bucket(), result.key(), result.versionId(), result.status(),
                    result.prediction().emotion(), Double.parseDouble(ClipTags.confidence(result.prediction())), null,
                    model, resultKey);
        }
        return new ClipTaggedDetail(result.bucket(), result.key(), result.versionId(), result.status(), null, null,
                result.error().error(), model, resultKey);
    }

    private String toJson(ClipTaggedDetail detail) {
        try {
            return json.writeValueAsString(detail);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
