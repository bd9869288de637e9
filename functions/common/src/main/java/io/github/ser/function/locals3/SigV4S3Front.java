package io.github.ser.function.locals3;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * What an S3-compatible test server (S3Mock) leaves out: S3's authentication. An HTTP front that lets through only
 * requests {@link SigV4Check} accepts (signed with one key, or presigned URLs whose conditions hold) and CORS
 * preflights, which S3 also answers unauthenticated; everything else gets S3's XML error. What passes is streamed to
 * the server behind it, which should listen on loopback only, so this front is the one way in.
 */
public final class SigV4S3Front implements AutoCloseable {
    /** S3's largest single PUT. */
    static final long MAX_OBJECT_BYTES = 5L << 30;
    /** A body whose SHA-256 the signature commits to is held in memory to check it; SDK requests of that kind are small. */
    static final long MAX_HASHED_BODY_BYTES = 32L << 20;
    /** A refused body up to this size is read to its end, so that the client gets the answer rather than a reset. */
    private static final long DRAINED_BYTES = 8L << 20;
    /** Set by the JDK client itself, or hop-by-hop: not forwarded. */
    private static final Set<String> NOT_FORWARDED = Set.of("host", "content-length", "connection", "expect", "upgrade",
            "transfer-encoding", "keep-alive");

    private final HttpServer server;
    private final ExecutorService threads;
    private final URI target;
    private final SigV4Check check;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private SigV4S3Front(HttpServer server, ExecutorService threads, URI target, SigV4Check check) {
        this.server = server;
        this.threads = threads;
        this.target = target;
        this.check = check;
    }

    /**
     * Listens on {@code bind}:{@code port} (0: any free port) in front of {@code target}.
     *
     * @param bind an address of this machine: {@code 127.0.0.1} keeps everyone else on the network out
     */
    public static SigV4S3Front start(String bind, int port, URI target, SigV4Check check) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(bind), port), 64);
        ExecutorService threads = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "s3-front");
            thread.setDaemon(true);
            return thread;
        });
        SigV4S3Front front = new SigV4S3Front(server, threads, URI.create(target.toString().replaceAll("/+$", "")), check);
        server.createContext("/", front::handle);
        server.setExecutor(threads);
        server.start();
        return front;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Headers headers = exchange.getRequestHeaders();
            long length = contentLength(headers);
            if (length > MAX_OBJECT_BYTES) {
                refuse(exchange, length, new SigV4Check.Refusal(400, "EntityTooLarge",
                        "Your proposed upload exceeds the maximum allowed size"));
                return;
            }
            if (!isCorsPreflight(exchange)) {
                SigV4Check.Refusal refusal = check.check(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                        exchange.getRequestURI().getRawQuery(), headers::get, Instant.now());
                if (refusal != null) {
                    refuse(exchange, length, refusal);
                    return;
                }
            }
            String payloadHash = SigV4Check.signedPayloadHash(headers::get);
            if (payloadHash == null) {
                forward(exchange, length < 0 ? HttpRequest.BodyPublishers.ofInputStream(exchange::getRequestBody)
                        : length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.fromPublisher(
                                HttpRequest.BodyPublishers.ofInputStream(exchange::getRequestBody), length));
                return;
            }
            if (length < 0 || length > MAX_HASHED_BODY_BYTES) {
                refuse(exchange, length, new SigV4Check.Refusal(400, "EntityTooLarge",
                        "A body signed by its SHA-256 is checked in memory, up to " + MAX_HASHED_BODY_BYTES
                                + " bytes with a Content-Length; send larger ones as aws-chunked or UNSIGNED-PAYLOAD"));
                return;
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (!SigV4Check.hex(SigV4Check.sha256(body)).equals(payloadHash)) {
                refuse(exchange, 0, new SigV4Check.Refusal(400, "XAmzContentSHA256Mismatch",
                        "The provided 'x-amz-content-sha256' header does not match what was computed"));
                return;
            }
            forward(exchange, HttpRequest.BodyPublishers.ofByteArray(body));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Browsers ask before a cross-origin PUT, without credentials; S3 answers from the bucket's CORS rules. */
    private static boolean isCorsPreflight(HttpExchange exchange) {
        Headers headers = exchange.getRequestHeaders();
        return exchange.getRequestMethod().equals("OPTIONS") && headers.containsKey("Origin")
                && headers.containsKey("Access-Control-Request-Method");
    }

    private static long contentLength(Headers headers) {
        try {
            String value = headers.getFirst("Content-Length");
            return value == null ? -1 : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void refuse(HttpExchange exchange, long length, SigV4Check.Refusal refusal) throws IOException {
        if (length >= 0 && length <= DRAINED_BYTES) {
            exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
        }
        byte[] xml = refusal.xml().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/xml");
        exchange.sendResponseHeaders(refusal.status(), exchange.getRequestMethod().equals("HEAD") ? -1 : xml.length);
        if (!exchange.getRequestMethod().equals("HEAD")) {
            exchange.getResponseBody().write(xml);
        }
    }

    private void forward(HttpExchange exchange, HttpRequest.BodyPublisher body) throws IOException, InterruptedException {
        URI uri = URI.create(target + exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).method(exchange.getRequestMethod(), body);
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        HttpResponse<InputStream> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            refuse(exchange, -1, new SigV4Check.Refusal(503, "ServiceUnavailable", "The S3 server behind this front does not answer"));
            return;
        }
        boolean head = exchange.getRequestMethod().equals("HEAD");
        response.headers().map().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if ((!NOT_FORWARDED.contains(lower) || (head && lower.equals("content-length"))) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        int status = response.statusCode();
        try (InputStream answer = response.body()) {
            if (head || status == 204 || status == 304 || length == 0) {
                exchange.sendResponseHeaders(status, -1);
                return;
            }
            exchange.sendResponseHeaders(status, Math.max(length, 0));   // unknown length: chunked
            try (OutputStream out = exchange.getResponseBody()) {
                answer.transferTo(out);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
