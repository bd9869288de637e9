package io.github.ser.local;

import io.github.ser.function.SerConfiguration;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The whole product on one machine ({@code ./ser serve}): an S3-compatible server with the clip bucket, the prediction
 * API's controllers and the web page on Netty, and an upload watcher that turns new objects under the upload prefix into
 * S3 events for the real tagging handler. {@link #close()} stops all three; Ctrl-C does the same.
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);
    /** S3Mock takes any region; the SDK still wants one. */
    static final String REGION = "us-east-1";

    private final LocalStackSettings settings;
    private final S3MockServer s3;
    private final ApplicationContext context;
    private final EmbeddedServer server;
    private final UploadWatcher watcher;
    private final Map<String, Object> properties;
    private final CountDownLatch closed = new CountDownLatch(1);

    private LocalStack(LocalStackSettings settings, S3MockServer s3, ApplicationContext context, EmbeddedServer server,
                       UploadWatcher watcher, Map<String, Object> properties) {
        this.properties = properties;
        this.settings = settings;
        this.s3 = s3;
        this.context = context;
        this.server = server;
        this.watcher = watcher;
    }

    /** Starts everything, or nothing: a part that fails to start stops the ones already running. */
    public static LocalStack start(LocalStackSettings settings) throws Exception {
        settings.check();
        Ports.requireFree(settings.httpPort(), "--http-port");
        S3MockServer s3 = S3MockServer.start(settings.s3MockJar(), settings.bind(), settings.s3Port(), settings.bucket(),
                settings.s3DataDir());
        ApplicationContext context = null;
        try {
            S3MockServer.signWithLocalKey();
            Map<String, Object> properties = properties(settings, s3.endpoint());
            context = ApplicationContext.builder()
                    .deduceEnvironment(false)
                    .environments("local")
                    .properties(properties)
                    .start();
            EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
            SerConfiguration config = context.getBean(SerConfiguration.class);
            UploadWatcher watcher = new UploadWatcher(context.getBean(S3Client.class), REGION, config.getBucket(),
                    config.getUploadPrefix(), settings.watchInterval(), TaggingEventSink.create(context));
            watcher.start();
            return new LocalStack(settings, s3, context, server, watcher, properties);
        } catch (Exception | Error e) {
            if (context != null) {
                context.close();
            }
            s3.close();
            throw e;
        }
    }

    /** How the functions' own configuration ({@code ser.*}) and Micronaut are pointed at the local parts. */
    static Map<String, Object> properties(LocalStackSettings settings, URI s3Endpoint) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("micronaut.application.name", "ser-local-stack");
        properties.put("micronaut.server.port", settings.httpPort());
        properties.put("micronaut.server.host", settings.bind());
        // above the API's own limit (ser.max-request-bytes), so oversized clips get its clear 413, not a dropped connection
        properties.put("micronaut.server.max-request-size", "10MB");
        // bodies are inflated by the API itself, bounded, as behind API Gateway (the prediction function's setting too)
        properties.put("micronaut.server.netty.request-decompression-enabled", false);
        // a client that stops sending mid-body is cut off after this (the prediction function's setting too)
        properties.put("micronaut.server.idle-timeout", "30s");
        // over-long URLs reach the API's own 414 (the prediction function's setting too)
        properties.put("micronaut.server.netty.max-initial-line-length", 65536);
        properties.put("micronaut.router.static-resources.web.enabled", true);
        properties.put("micronaut.router.static-resources.web.paths", "file:" + settings.webDir());
        properties.put("micronaut.router.static-resources.web.mapping", "/**");
        // the page comes from this origin and needs no CORS; without this, any site the developer visits could have
        // their browser call the local API (keyless by default) and read its answers
        properties.put("ser.allowed-origin", origin(settings.httpPort()).toString());
        properties.put("ser.model-path", settings.modelPath().toString());
        properties.put("ser.bucket", settings.bucket());
        properties.put("ser.s3-endpoint", s3Endpoint.toString());
        properties.put("ser.s3-path-style", true);
        properties.put("ser.s3-region", REGION);
        if (!settings.apiKey().isEmpty()) {
            properties.put(LocalApiGateway.KEY, settings.apiKey());
        }
        return properties;
    }

    public URI url() {
        return origin(server.getPort());
    }

    /** Where the page and the API answer on {@code port}: the page's origin. */
    private static URI origin(int port) {
        return URI.create("http://localhost:" + port);
    }

    /** The configuration the API and the handler were started with. */
    Map<String, Object> properties() {
        return Map.copyOf(properties);
    }

    public URI s3Endpoint() {
        return s3.endpoint();
    }

    /** S3Mock's log, in its temporary folder. */
    public java.nio.file.Path s3Log() {
        return s3.log();
    }

    public long s3Pid() {
        return s3.pid();
    }

    public String bucket() {
        return settings.bucket();
    }

    public ApplicationContext context() {
        return context;
    }

    /** Stops the watcher, then the API, then S3Mock. Safe to call more than once and from a shutdown hook. */
    @Override
    public synchronized void close() {
        if (closed.getCount() == 0) {
            return;
        }
        watcher.close();
        try {
            context.close();    // stops the embedded server with it
        } finally {
            s3.close();
            closed.countDown();
        }
    }

    public void awaitClose() throws InterruptedException {
        closed.await();
    }

    public static void main(String[] args) {
        LocalStackSettings settings;
        try {
            settings = LocalStackSettings.parse(args, System.getenv());
        } catch (LocalStackSettings.UsageException e) {
            if (e.getMessage() != null) {
                System.err.println("serve: " + e.getMessage() + "\n");
            }
            System.err.print(LocalStackSettings.usage());
            System.exit(e.getMessage() == null ? 0 : 2);
            return;
        }
        try {
            settings.check();
        } catch (LocalStackSettings.UsageException e) {
            System.err.println("serve: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.out.printf("Starting the local stack (S3Mock takes ~15 s)...%n");
        LocalStack stack;
        try {
            stack = start(settings);
        } catch (Exception e) {
            LOG.debug("start failed", e);
            System.err.println("serve: could not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping the local stack...");
            stack.close();
        }, "local-stack-shutdown"));
        System.out.print(stack.banner());
        try {
            stack.awaitClose();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    String banner() {
        SerConfiguration config = context.getBean(SerConfiguration.class);
        String uploads = "s3://" + settings.bucket() + "/" + config.getUploadPrefix();
        boolean keyed = !settings.apiKey().isEmpty();
        String access = keyed ? "x-api-key " + settings.apiKey() + " required, as in the deployed default (the page asks once)"
                : "open, no key (--api-key=KEY requires one, as the deployed default does)";
        return String.format("""

                Local stack ready
                  web page + API   %1$s   contract %1$s/openapi.yaml
                  API access       %9$s
                  S3 (S3Mock)      %2$s   bucket %3$s   (log %4$s)
                  S3 access        signed requests only, key %11$s / secret %12$s (and presigned URLs from /uploads)
                  upload watcher   %5$s every %6$d ms -> tagging handler -> tags + s3://%3$s/%7$s
                Try:
                  curl --data-binary @clip.wav -H 'Content-Type: audio/wav'%10$s %1$s/predict
                  export AWS_ACCESS_KEY_ID=%11$s AWS_SECRET_ACCESS_KEY=%12$s AWS_REGION=%13$s
                  aws --endpoint-url %2$s s3 cp clip.wav %5$s
                  aws --endpoint-url %2$s s3api get-object-tagging --bucket %3$s --key %8$sclip.wav
                Logs below are JSON lines, as in Lambda. Ctrl-C stops everything.
                """, url(), s3.endpoint(), settings.bucket(), s3.log(), uploads, settings.watchInterval().toMillis(),
                config.getResultPrefix(), config.getUploadPrefix(), access,
                keyed ? " -H 'x-api-key: " + settings.apiKey() + "'" : "", S3MockServer.ACCESS_KEY, S3MockServer.SECRET_KEY,
                REGION);
    }

}
