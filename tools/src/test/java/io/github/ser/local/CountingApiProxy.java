package io.github.ser.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server in front of the local stack that the browser talks to instead of the stack (page, /health and
 * /predict all pass through it): it counts the {@code POST /predict} requests in flight and the most ever in flight at
 * once, and can answer the next few of them {@code 503 overloaded} with a {@code Retry-After}, as the API does when it
 * has too much audio in analysis.
 */
final class CountingApiProxy implements AutoCloseable {
    /** Hop-by-hop or computed headers the JDK client and server set themselves. */
    private static final Set<String> NOT_COPIED = Set.of("host", "connection", "content-length", "transfer-encoding",
            "upgrade", "expect", "keep-alive");

    private final URI target;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(8);   // room for overlap, were there any
    private final HttpClient client = HttpClient.newHttpClient();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicInteger predictions = new AtomicInteger();
    private final AtomicInteger refusalsLeft = new AtomicInteger();
    private final Queue<Long> refusedAt = new ConcurrentLinkedQueue<>();
    private volatile int retryAfterSeconds = 1;

    CountingApiProxy(URI target) throws IOException {
        this.target = target;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    URI url() {
        return URI.create("http://localhost:" + server.getAddress().getPort());
    }

    /** The next {@code count} predictions get {@code 503 overloaded} with {@code Retry-After: seconds}. */
    void refuseNext(int count, int seconds) {
        retryAfterSeconds = seconds;
        refusalsLeft.set(count);
    }

    int maxInFlight() {
        return maxInFlight.get();
    }

    /** Predictions that reached the API (refused ones not counted). */
    int predictions() {
        return predictions.get();
    }

    /** When each refused prediction arrived (System.nanoTime). */
    List<Long> refusedAt() {
        return List.copyOf(refusedAt);
    }

    private void handle(HttpExchange exchange) throws IOException {
        boolean predict = exchange.getRequestMethod().equals("POST") && exchange.getRequestURI().getPath().equals("/predict");
        if (predict) {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        }
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (predict && refusalsLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                refusedAt.add(System.nanoTime());
                byte[] error = """
                        {"error": "overloaded", "message": "Too many clips are being analysed right now; try again in a few seconds"}"""
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.getResponseHeaders().add("Retry-After", String.valueOf(retryAfterSeconds));
                exchange.sendResponseHeaders(503, error.length);
                exchange.getResponseBody().write(error);
                return;
            }
            if (predict) {
                predictions.incrementAndGet();
            }
            forward(exchange, body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (predict) {
                inFlight.decrementAndGet();
            }
        }
    }

    private void forward(HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!NOT_COPIED.contains(name.toLowerCase())) {
                values.forEach(v -> request.header(name, v));
            }
        });
        HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        response.headers().map().forEach((name, values) -> {
            if (!NOT_COPIED.contains(name.toLowerCase()) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, List.copyOf(values));
            }
        });
        byte[] answer;
        try (InputStream in = response.body()) {
            answer = in.readAllBytes();
        }
        exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
