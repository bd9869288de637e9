package io.github.ser.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ser.function.testing.RepoFiles;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Case 6 of issue #9: S3Mock cannot outlive the stack, even when the stack is killed with SIGKILL (no shutdown hook
 * runs), and an S3Mock that dies on its own is reported and cleaned up.
 */
class LocalStackSupervisionTest {
    private static final Pattern LOG = Pattern.compile("\\(log (\\S+)\\)");
    private static final Duration GONE_WITHIN = Duration.ofSeconds(30);

    @BeforeAll
    static void needsTheModel() {
        SharedLocalStack.assumeModel();
    }

    @Test
    void killMinus9OfTheStackLeavesNothingListeningAndNoStore() throws Exception {
        int httpPort = SharedLocalStack.freePort();
        int s3Port = SharedLocalStack.freePort();
        Process stack = startStack(httpPort, s3Port);
        try {
            Path temp = awaitReady(stack).getParent();
            List<ProcessHandle> s3mock = stack.descendants().filter(p -> p.info().commandLine().orElse("")
                    .contains("s3mock")).toList();
            assertEquals(1, s3mock.size(), "one S3Mock child");
            assertTrue(listening(httpPort) && listening(s3Port) && Files.isDirectory(temp));

            stack.destroyForcibly();   // SIGKILL: the stack's shutdown hook never runs
            assertTrue(stack.waitFor(10, TimeUnit.SECONDS));

            await("S3Mock exits", () -> !s3mock.get(0).isAlive());
            await("both ports are free", () -> !listening(httpPort) && !listening(s3Port));
            await("the temporary store and log are removed", () -> !Files.exists(temp));
        } finally {
            stack.destroyForcibly();
        }
    }

    @Test
    void aKilledS3MockIsReportedByHealthAndItsStoreRemoved() throws Exception {
        int httpPort = SharedLocalStack.freePort();
        Process stack = startStack(httpPort, SharedLocalStack.freePort());
        try {
            Path temp = awaitReady(stack).getParent();
            String url = "http://localhost:" + httpPort;
            assertEquals("ok", health(url).get("storage").asText());
            ProcessHandle s3mock = stack.descendants().filter(p -> p.info().commandLine().orElse("")
                    .contains("s3mock")).findFirst().orElseThrow();
            s3mock.destroyForcibly();

            await("the temporary store and log are removed", () -> !Files.exists(temp));
            JsonNode health = health(url);
            assertEquals("unavailable", health.get("storage").asText(), health.toString());
            assertEquals("degraded", health.get("status").asText(), health.toString());
            HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(url + "/health/ready")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(503, ready.statusCode(), ready.body());
            assertTrue(ready.body().contains("storage_unavailable"), ready.body());
        } finally {
            stack.destroyForcibly();
        }
    }

    /**
     * The stack in its own JVM, as ./ser serve runs it: without the Spring jars the build only compiles against (the
     * shipped jar has none); its output is read by {@link #awaitReady}.
     */
    private static Process startStack(int httpPort, int s3Port) throws java.io.IOException {
        String classPath = java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(entry -> !entry.contains("org" + java.io.File.separator + "springframework"))
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, LocalStack.class.getName(),
                "--http-port=" + httpPort, "--s3-port=" + s3Port, "--web-dir=" + RepoFiles.root().resolve("web"),
                "--model=" + RepoFiles.model(), "--s3mock-jar=" + S3MockServer.jarBesideThisProgram())
                .redirectErrorStream(true).start();
    }

    private static JsonNode health(String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(url + "/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return new ObjectMapper().readTree(response.body());
    }

    /** Reads the stack's output until its banner; returns S3Mock's log file named there. */
    private static Path awaitReady(Process stack) throws Exception {
        CompletableFuture<Path> log = CompletableFuture.supplyAsync(() -> {
            StringBuilder seen = new StringBuilder();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(stack.getInputStream(), StandardCharsets.UTF_8))) {
                Path found = null;
                for (String line; (line = out.readLine()) != null; ) {
                    seen.append(line).append('\n');
                    Matcher m = LOG.matcher(line);
                    if (m.find()) {
                        found = Path.of(m.group(1));
                    }
                    if (line.contains("Ctrl-C stops everything") && found != null) {
                        return found;
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(seen.toString(), e);
            }
            throw new IllegalStateException("the stack stopped before it was ready:\n" + seen);
        });
        return log.get(150, TimeUnit.SECONDS);
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 500);
            return true;
        } catch (ConnectException e) {
            return false;
        } catch (Exception e) {
            return true;   // a timeout: something holds the port
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + GONE_WITHIN.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail(what + ": not within " + GONE_WITHIN.toSeconds() + " s");
            }
            Thread.sleep(200);
        }
    }
}
