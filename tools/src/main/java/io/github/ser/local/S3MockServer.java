package io.github.ser.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * S3Mock's standalone exec jar as a child process: the real S3 REST API over HTTP, with path-style addressing, presigned
 * URLs and CORS (it answers browsers' preflight requests for any origin), so the page's presigned PUT works as against S3.
 */
public final class S3MockServer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final int port;
    private final Path log;
    private boolean started;

    private S3MockServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts S3Mock with {@code bucket} created and waits until it answers.
     *
     * @param dataDir where objects are kept across runs; empty for a temporary folder S3Mock deletes on exit
     */
    public static S3MockServer start(Path jar, int port, String bucket, Optional<Path> dataDir)
            throws IOException, InterruptedException {
        Ports.requireFree(port, "--s3-port");
        Path log = Files.createTempFile("ser-s3mock-", ".log");
        List<String> command = new ArrayList<>(List.of(
                javaExecutable(),
                "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",   // small and quick to start: it is a test server
                "-jar", jar.toString(),
                "--com.adobe.testing.s3mock.httpPort=" + port,
                "--server.port=0",                                            // its HTTPS port: any free one
                "--com.adobe.testing.s3mock.store.initialBuckets=" + bucket,
                "--spring.main.banner-mode=off"));
        if (dataDir.isPresent()) {
            Files.createDirectories(dataDir.get());
            command.add("--com.adobe.testing.s3mock.store.root=" + dataDir.get());
            command.add("--com.adobe.testing.s3mock.store.retainFilesOnExit=true");
        }
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        S3MockServer server = new S3MockServer(process, port, log);
        try {
            server.awaitBucket(bucket);
            server.started = true;
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    public URI endpoint() {
        return URI.create("http://localhost:" + port);
    }

    public Path log() {
        return log;
    }

    private void awaitBucket(String bucket) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(endpoint().resolve("/" + bucket + "?max-keys=1"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("S3Mock exited with code " + process.exitValue() + " while starting; its log: " + log
                        + "\n" + tail(log));
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IOException("S3Mock did not answer on port " + port + " within " + START_TIMEOUT.toSeconds() + " s; its log: " + log);
    }

    /**
     * Stops the child process: politely first (Spring deletes its temporary store), then forcibly. The log is kept only
     * when S3Mock failed to start, since the error message points to it.
     */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        if (started) {
            try {
                Files.deleteIfExists(log);
            } catch (IOException e) {
                // a leftover temporary log file is harmless
            }
        }
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /** Where the build puts S3Mock: beside the jar (or classes directory) this class was loaded from. */
    public static Path jarBesideThisProgram() {
        try {
            Path codeSource = Path.of(S3MockServer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return codeSource.getParent().resolve("s3mock-exec.jar");
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate this program's jar", e);
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "";
        }
    }
}
