package io.github.ser.function;

import io.github.ser.Prediction;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import net.logstash.logback.marker.Markers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One JSON log line per clip analysed or refused, by any function, which is also a CloudWatch embedded metric
 * format (EMF) document: CloudWatch Logs turns its {@code _aws} block into metrics in the {@value #NAMESPACE}
 * namespace, so the log line people read and the metric on the dashboard are the same event. Metrics: {@code Clips}
 * per {@code service} and {@code emotion}; {@code Failures} per {@code service} and {@code errorCode};
 * {@code AudioSeconds}, {@code DecodeMillis}, {@code FeaturesMillis}, {@code ClassifyMillis} per {@code service}.
 * Written by hand (a few lines) rather than with an EMF library so that it is one line with the request's own log
 * fields (request id, cold start) instead of a second, separate one.
 */
@Singleton
public class ClipTelemetry {
    public static final String NAMESPACE = "SpeechEmotion";
    /** Micronaut puts Lambda's request id into the MDC under this name (DefaultDiagnosticInfoPopulator); locally we do. */
    public static final String REQUEST_ID = "AWSRequestId";
    private static final Logger LOG = LoggerFactory.getLogger(ClipTelemetry.class);
    private static final AtomicBoolean FIRST_INVOCATION = new AtomicBoolean(true);

    /** A clip that got an answer. */
    public void analysed(String service, @Nullable String clipKey, Prediction prediction) {
        Map<String, Object> fields = base(service, clipKey, "done");
        fields.put("model", prediction.model());
        fields.put("emotion", prediction.emotion());
        fields.put("confidence", prediction.confidence());
        fields.put("Clips", 1);
        fields.put("AudioSeconds", prediction.durationSeconds());
        if (prediction.timings() != null) {
            fields.put("DecodeMillis", prediction.timings().decodeMillis());
            fields.put("FeaturesMillis", prediction.timings().featuresMillis());
            fields.put("ClassifyMillis", prediction.timings().classifyMillis());
        }
        fields.put("_aws", emf(
                directive(List.of("service", "emotion"), metric("Clips", "Count")),
                directive(List.of("service"), metric("AudioSeconds", "Seconds"), metric("DecodeMillis", "Milliseconds"),
                        metric("FeaturesMillis", "Milliseconds"), metric("ClassifyMillis", "Milliseconds"))));
        LOG.info(Markers.appendEntries(fields), "{} {}: {} ({} s of audio)", service, clipKey == null ? "clip" : clipKey,
                prediction.emotion(), prediction.durationSeconds());
    }

    /** A clip that got no answer: bad audio ({@code corrupt_audio}, ...) or our own trouble ({@code internal_error}). */
    public void failed(String service, @Nullable String clipKey, String errorCode, String message) {
        Map<String, Object> fields = base(service, clipKey, "failed");
        fields.put("errorCode", errorCode);
        fields.put("Failures", 1);
        fields.put("_aws", emf(directive(List.of("service", "errorCode"), metric("Failures", "Count"))));
        LOG.info(Markers.appendEntries(fields), "{} {}: {} ({})", service, clipKey == null ? "clip" : clipKey, errorCode, message);
    }

    private static Map<String, Object> base(String service, @Nullable String clipKey, String outcome) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("service", service);
        if (clipKey != null) {
            fields.put("clipKey", clipKey);
        }
        fields.put("outcome", outcome);
        return fields;
    }

    private static Map<String, Object> emf(Map<?, ?>... directives) {
        return Map.of("Timestamp", System.currentTimeMillis(), "CloudWatchMetrics", List.of(directives));
    }

    private static Map<String, Object> directive(List<String> dimensions, Map<?, ?>... metrics) {
        return Map.of("Namespace", NAMESPACE, "Dimensions", List.of(dimensions), "Metrics", List.of(metrics));
    }

    private static Map<String, String> metric(String name, String unit) {
        return Map.of("Name", name, "Unit", unit);
    }

    /**
     * Marks every log line written until {@link #endInvocation()} with whether this is the runtime's first
     * invocation ({@code coldStart}; after a SnapStart restore, the first one after it).
     */
    public static void startInvocation() {
        MDC.put("coldStart", String.valueOf(FIRST_INVOCATION.getAndSet(false)));
    }

    public static void endInvocation() {
        MDC.remove("coldStart");
    }
}
