package io.github.ser.local;

import io.github.ser.function.locals3.SigV4Check;
import io.github.ser.function.locals3.SigV4S3Front;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
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
 * S3Mock listens on loopback only ({@link S3MockLoopback}) and checks no signatures: clients reach it through a
 * {@link SigV4S3Front} on the stack's S3 port, which lets through only requests signed with the stack's key and
 * presigned URLs whose conditions hold (expiry, method, key, content type and length), as S3 does.
 */
public final class S3MockServer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    /** Where S3Mock itself listens, whatever the front's address: nothing but the front talks to it. */
    private static final String LOOPBACK = "127.0.0.1";
    /**
     * {@link S3MockLoopback}, by name: it implements Spring's interfaces, which only S3Mock's class path has, so this
     * process must never load it (a class literal would).
     */
    private static final String LOOPBACK_INITIALIZER = "io.github.ser.local.S3MockLoopback";

    /**
     * The local S3's key: the only one its front accepts. Fixed and well known (as S3Mock's users expect, and
     * {@code ./ser backfill --endpoint} signs with it): it keeps out whoever does not sign at all and lets the front
     * check presigned URLs' conditions; listening on loopback keeps out the network.
     */
    public static final String ACCESS_KEY = "local";
    public static final String SECRET_KEY = "local";

    /**
     * Makes this process's S3 clients sign with the local S3's key: the SDK's default chain reads these system
     * properties before the environment, so real AWS keys in the shell are never sent to a local server.
     */
    public static void signWithLocalKey() {
        System.setProperty("aws.accessKeyId", ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", SECRET_KEY);
    }

    private static final Logger LOG = LoggerFactory.getLogger(S3MockServer.class);

    private final Process process;
    private final int port;
    private final int internalPort;
    private final Path temp;
    private final Path log;
    private volatile SigV4S3Front front;
    private volatile boolean started;
    private volatile boolean closing;

    private S3MockServer(Process process, int port, int internalPort, Path temp, Path log) {
        this.process = process;
        this.port = port;
        this.internalPort = internalPort;
        this.temp = temp;
        this.log = log;
    }

    /**
     * Starts S3Mock with {@code bucket} created, waits until it answers, then opens the front on {@code bind}:{@code port}.
     * The child carries {@link ParentWatchdog}, so it exits when this process dies, however it dies; if the child dies
     * first, that is logged as an error (S3 calls fail from then on, and {@code /health} says so) and its temporary
     * store is removed.
     *
     * @param dataDir where objects are kept across runs; empty for a temporary store, removed when S3Mock stops
     */
    public static S3MockServer start(Path jar, String bind, int port, String bucket, Optional<Path> dataDir)
            throws IOException, InterruptedException {
        Ports.requireFree(port, "--s3-port");
        int internalPort = freeLoopbackPort();
        Path temp = Files.createTempDirectory("ser-s3mock-");
        Path log = temp.resolve("s3mock.log");
        Path store = dataDir.orElse(temp.resolve("store"));
        Files.createDirectories(store);
        List<String> command = new ArrayList<>(List.of(
                javaExecutable(),
                "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",   // small and quick to start: it is a test server
                "-javaagent:" + classJar(temp, ParentWatchdog.class.getName(), true) + "="
                        + ProcessHandle.current().pid() + "," + temp,
                // Spring Boot's launcher that takes extra classes: S3MockLoopback, which binds the HTTP connector,
                // registered by the jar's META-INF/spring.factories
                "-Dloader.path=" + classJar(temp, LOOPBACK_INITIALIZER, false),
                "-Dloader.main=com.adobe.testing.s3mock.S3MockApplication",
                "-cp", jar.toString(), "org.springframework.boot.loader.launch.PropertiesLauncher",
                "--server.address=" + LOOPBACK,
                "--com.adobe.testing.s3mock.httpPort=" + internalPort,
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
        S3MockServer server = new S3MockServer(process, port, internalPort, temp, log);
        try {
            server.awaitBucket(bucket);
            server.front = SigV4S3Front.start(bind, port, server.internalEndpoint(),
                    new SigV4Check(ACCESS_KEY, SECRET_KEY));
            server.started = true;
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
        process.onExit().thenRun(server::exited);
        return server;
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        }
    }

    /**
     * A jar holding one self-contained class: {@link ParentWatchdog} as an agent, or {@link S3MockLoopback} as a
     * Spring initializer for S3Mock's class path, named in the jar's {@code META-INF/spring.factories}.
     */
    private static Path classJar(Path dir, String className, boolean agent) throws IOException {
        Path jar = dir.resolve(className.substring(className.lastIndexOf('.') + 1) + ".jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (agent) {
            manifest.getMainAttributes().put(new Attributes.Name("Premain-Class"), className);
        }
        String entry = className.replace('.', '/') + ".class";
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
             InputStream in = S3MockServer.class.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            in.transferTo(out);
            out.closeEntry();
            if (!agent) {
                out.putNextEntry(new JarEntry("META-INF/spring.factories"));
                out.write(("org.springframework.context.ApplicationContextInitializer=" + className + "\n")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                out.closeEntry();
            }
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

    /** Where S3Mock itself answers, unauthenticated: loopback only, for the front and for tests of the front. */
    URI internalEndpoint() {
        return URI.create("http://" + LOOPBACK + ":" + internalPort);
    }

    public Path log() {
        return log;
    }

    private void awaitBucket(String bucket) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(internalEndpoint().resolve("/" + bucket + "?max-keys=1"))
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
        throw new IOException("S3Mock did not answer on port " + internalPort + " within " + START_TIMEOUT.toSeconds() + " s; its log: " + log);
    }

    /**
     * Closes the front, then stops the child process: politely first (it deletes its temporary store), then forcibly;
     * then removes the temporary folder (log, helper jars, store). The folder is kept only when S3Mock failed to start, since the error
     * message points to its log.
     */
    @Override
    public void close() {
        closing = true;
        if (front != null) {
            front.close();
        }
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
