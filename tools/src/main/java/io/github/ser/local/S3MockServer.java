package io.github.ser.local;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
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
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * S3Mock's standalone exec jar as a child process: the real S3 REST API over HTTP, with path-style addressing, presigned
 * URLs and CORS (it answers browsers' preflight requests for any origin), so the page's presigned PUT works as against S3.
 */
public final class S3MockServer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private static final Logger LOG = LoggerFactory.getLogger(S3MockServer.class);

    private final Process process;
    private final int port;
    private final Path temp;
    private final Path log;
    private volatile boolean started;
    private volatile boolean closing;

    private S3MockServer(Process process, int port, Path temp, Path log) {
        this.process = process;
        this.port = port;
        this.temp = temp;
        this.log = log;
    }

    /**
     * Starts S3Mock with {@code bucket} created and waits until it answers. The child carries {@link ParentWatchdog},
     * so it exits when this process dies, however it dies; if the child dies first, that is logged as an error (S3
     * calls fail from then on, and {@code /health} says so) and its temporary store is removed.
     *
     * @param dataDir where objects are kept across runs; empty for a temporary store, removed when S3Mock stops
     */
    public static S3MockServer start(Path jar, int port, String bucket, Optional<Path> dataDir)
            throws IOException, InterruptedException {
        Ports.requireFree(port, "--s3-port");
        Path temp = Files.createTempDirectory("ser-s3mock-");
        Path log = temp.resolve("s3mock.log");
        Path store = dataDir.orElse(temp.resolve("store"));
        Files.createDirectories(store);
        List<String> command = new ArrayList<>(List.of(
                javaExecutable(),
                "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",   // small and quick to start: it is a test server
                "-javaagent:" + watchdogJar(temp) + "=" + ProcessHandle.current().pid() + "," + temp,
                "-jar", jar.toString(),
                "--com.adobe.testing.s3mock.httpPort=" + port,
                "--server.port=0",                                            // its HTTPS port: any free one
                "--com.adobe.testing.s3mock.store.initialBuckets=" + bucket,
                "--com.adobe.testing.s3mock.store.root=" + store,
                "--com.adobe.testing.s3mock.store.retainFilesOnExit=" + dataDir.isPresent(),
                "--spring.main.banner-mode=off"));
        // standard input stays a pipe that this process holds open and never writes: the watchdog's lifeline
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        S3MockServer server = new S3MockServer(process, port, temp, log);
        try {
            server.awaitBucket(bucket);
            server.started = true;
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
        process.onExit().thenRun(server::exited);
        return server;
    }

    /** The agent jar: {@link ParentWatchdog}'s class file and a manifest naming it. */
    private static Path watchdogJar(Path dir) throws IOException {
        Path jar = dir.resolve("watchdog.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(new Attributes.Name("Premain-Class"), ParentWatchdog.class.getName());
        String entry = ParentWatchdog.class.getName().replace('.', '/') + ".class";
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
             InputStream in = ParentWatchdog.class.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            in.transferTo(out);
            out.closeEntry();
        }
        return jar;
    }

    /** S3Mock stopped without being asked: say so loudly, and remove what it leaves behind. */
    private void exited() {
        if (closing) {
            return;
        }
        LOG.error("S3Mock (pid {}) on port {} exited unexpectedly with code {}; S3 calls fail from now on (GET /health "
                + "says storage unavailable). Restart ./ser serve. Its log: {}", process.pid(), port,
                process.exitValue(), tail(log));
        ParentWatchdog.delete(temp);
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
     * Stops the child process: politely first (it deletes its temporary store), then forcibly; then removes the
     * temporary folder (log, agent jar, store). The folder is kept only when S3Mock failed to start, since the error
     * message points to its log.
     */
    @Override
    public void close() {
        closing = true;
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
            ParentWatchdog.delete(temp);
        }
    }

    public long pid() {
        return process.pid();
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
