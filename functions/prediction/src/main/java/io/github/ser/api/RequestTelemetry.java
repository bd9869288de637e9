package io.github.ser.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import io.github.ser.function.ClipTelemetry;
import io.micronaut.context.propagation.slf4j.MdcPropagationContext;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.function.aws.proxy.ApiGatewayServletRequest;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import net.logstash.logback.marker.Markers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One JSON log line per API call (method, path, status, milliseconds), and the request's id and cold start on every
 * line written while it is served, on whichever thread: behind API Gateway the id is API Gateway's request id
 * (Micronaut adds Lambda's own as {@code AWSRequestId}); under Netty (the local stack) a fresh UUID.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
class RequestTelemetry {
    private static final Logger LOG = LoggerFactory.getLogger(RequestTelemetry.class);
    private static final String STARTED = RequestTelemetry.class.getName() + ".started";
    private static final String API_REQUEST_ID = "apiRequestId";

    @RequestFilter
    void start(HttpRequest<?> request, MutablePropagatedContext propagated) {
        request.setAttribute(STARTED, System.nanoTime());
        boolean local = MDC.get(ClipTelemetry.REQUEST_ID) == null;
        String apiRequestId = apiRequestId(request);
        MDC.put(API_REQUEST_ID, apiRequestId);
        if (local) {
            MDC.put(ClipTelemetry.REQUEST_ID, apiRequestId);
        }
        ClipTelemetry.startInvocation();
        // the request carries these to whichever thread serves it (the controllers run on the blocking executor);
        // this thread, an event loop under Netty, is left as it was
        propagated.add(new MdcPropagationContext());
        MDC.remove(API_REQUEST_ID);
        if (local) {
            MDC.remove(ClipTelemetry.REQUEST_ID);
        }
        ClipTelemetry.endInvocation();
    }

    @ResponseFilter
    void end(HttpRequest<?> request, MutableHttpResponse<?> response) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("method", request.getMethodName());
        fields.put("path", request.getPath());
        fields.put("status", response.code());
        request.getAttribute(STARTED, Long.class).ifPresent(started ->
                fields.put("durationMillis", Math.round((System.nanoTime() - started) / 1e4) / 100.0));
        LOG.info(Markers.appendEntries(fields), "{} {} -> {}", request.getMethodName(), request.getPath(), response.code());
    }

    private static String apiRequestId(HttpRequest<?> request) {
        if (request instanceof ApiGatewayServletRequest<?, ?, ?> lambda
                && lambda.getNativeRequest() instanceof APIGatewayProxyRequestEvent event
                && event.getRequestContext() != null && event.getRequestContext().getRequestId() != null) {
            return event.getRequestContext().getRequestId();
        }
        return UUID.randomUUID().toString();
    }
}
