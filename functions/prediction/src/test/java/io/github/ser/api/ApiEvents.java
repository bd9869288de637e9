package io.github.ser.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import io.github.ser.function.testing.RepoFiles;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * API Gateway REST (payload 1.0) proxy events as Lambda delivers them: the files in {@code events/}, read by the
 * Lambda Java runtime's own serializer, and variants of them. Variants encode bodies the way API Gateway does
 * with our binary media types: base64 for audio, octet-stream and multipart; plain text otherwise.
 */
final class ApiEvents {
    private ApiEvents() {
    }

    static APIGatewayProxyRequestEvent file(String name) {
        return LambdaEventSerializers.serializerFor(APIGatewayProxyRequestEvent.class, ApiEvents.class.getClassLoader())
                .fromJson(RepoFiles.event(name));
    }

    /** {@code events/api-predict.json} with another body and Content-Type. */
    static APIGatewayProxyRequestEvent predict(byte[] body, String contentType) {
        APIGatewayProxyRequestEvent event = file("api-predict.json");
        boolean binary = contentType.startsWith("audio/") || contentType.startsWith("application/octet-stream")
                || contentType.startsWith("multipart/form-data");
        event.setIsBase64Encoded(binary);
        event.setBody(body.length == 0 ? null : binary ? Base64.getEncoder().encodeToString(body) : new String(body));
        withHeader(event, "Content-Length", String.valueOf(body.length));
        return withHeader(event, "Content-Type", contentType);
    }

    /** {@code events/api-health.json} turned into another request without a body. */
    static APIGatewayProxyRequestEvent request(String method, String path, String resource) {
        APIGatewayProxyRequestEvent event = file("api-health.json");
        event.setHttpMethod(method);
        event.setPath(path);
        event.setResource(resource);
        event.getRequestContext().setHttpMethod(method);
        event.getRequestContext().setResourcePath(resource);
        return event;
    }

    /** A JSON request, as API Gateway passes it: plain text, not base64; no body means no Content-Type either. */
    static APIGatewayProxyRequestEvent json(String method, String path, String body) {
        APIGatewayProxyRequestEvent event = request(method, path, path);
        event.setBody(body);
        event.setIsBase64Encoded(false);
        if (body == null) {
            return event;
        }
        withHeader(event, "Content-Length", String.valueOf(body.getBytes(StandardCharsets.UTF_8).length));
        return withHeader(event, "Content-Type", "application/json");
    }

    static APIGatewayProxyRequestEvent withHeader(APIGatewayProxyRequestEvent event, String name, String value) {
        Map<String, String> headers = new HashMap<>(event.getHeaders());
        Map<String, List<String>> multi = new HashMap<>(event.getMultiValueHeaders());
        headers.keySet().removeIf(name::equalsIgnoreCase);
        multi.keySet().removeIf(name::equalsIgnoreCase);
        headers.put(name, value);
        multi.put(name, List.of(value));
        event.setHeaders(headers);
        event.setMultiValueHeaders(multi);
        return event;
    }
}
