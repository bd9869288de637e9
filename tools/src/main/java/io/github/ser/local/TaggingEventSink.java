package io.github.ser.local;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import io.github.ser.function.ClipTelemetry;
import io.github.ser.tagging.S3EventHandler;
import io.micronaut.context.ApplicationContext;
import org.slf4j.MDC;

import java.util.UUID;

/**
 * Delivers an event document the way Lambda does: the Lambda runtime's own deserializer turns the JSON into an
 * {@link S3Event}, and the real tagging handler's {@code handleRequest} runs with it, sharing the API's context (one
 * model in memory, one S3 client).
 */
final class TaggingEventSink implements UploadWatcher.EventSink {

    private final PojoSerializer<S3Event> serializer =
            LambdaEventSerializers.serializerFor(S3Event.class, TaggingEventSink.class.getClassLoader());
    private final S3EventHandler handler;

    private TaggingEventSink(S3EventHandler handler) {
        this.handler = handler;
    }

    static TaggingEventSink create(ApplicationContext context) {
        return new TaggingEventSink(new S3EventHandler(context));
    }

    @Override
    public void deliver(String eventJson) {
        // no Lambda Context object locally (the handler only uses it for logging and tracing): a request id of our own
        MDC.put(ClipTelemetry.REQUEST_ID, "local-" + UUID.randomUUID());
        try {
            handler.handleRequest(serializer.fromJson(eventJson), null);
        } finally {
            MDC.remove(ClipTelemetry.REQUEST_ID);
        }
    }
}
