package io.github.ser.tagging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * No local EventBridge server exists, so the real SDK client talks to this: a JDK HTTP server on a free port that
 * records every request it receives and answers {@code PutEvents} as EventBridge does (awsJson 1.1), accepting
 * every entry, or rejecting them all while {@link #rejecting} is set.
 */
final class FakeEventBridge implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as received. */
    record Request(String target, String authorization, JsonNode body) {
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    volatile boolean rejecting;

    FakeEventBridge() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    List<Request> requests() {
        return requests;
    }

    /** Every entry of every PutEvents request, in order. */
    List<JsonNode> entries() {
        return requests.stream()
                .filter(r -> "AWSEvents.PutEvents".equals(r.target()))
                .flatMap(r -> {
                    List<JsonNode> entries = new java.util.ArrayList<>();
                    r.body().get("Entries").forEach(entries::add);
                    return entries.stream();
                })
                .toList();
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The entry's {@code Detail}, which EventBridge takes as a JSON string. */
    static JsonNode detail(JsonNode entry) {
        return read(entry.get("Detail").asText());
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        JsonNode json = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
        requests.add(new Request(exchange.getRequestHeaders().getFirst("X-Amz-Target"),
                exchange.getRequestHeaders().getFirst("Authorization"), json));
        int count = json.has("Entries") ? json.get("Entries").size() : 0;
        StringBuilder entries = new StringBuilder();
        for (int i = 0; i < count; i++) {
            entries.append(i == 0 ? "" : ",").append(rejecting
                    ? "{\"ErrorCode\":\"InternalFailure\",\"ErrorMessage\":\"try again\"}"
                    : "{\"EventId\":\"" + java.util.UUID.randomUUID() + "\"}");
        }
        byte[] answer = ("{\"FailedEntryCount\":" + (rejecting ? count : 0) + ",\"Entries\":[" + entries + "]}")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(200, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
