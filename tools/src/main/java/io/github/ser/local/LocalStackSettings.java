package io.github.ser.local;

import io.github.ser.RepositoryLayout;
import io.github.ser.function.SerConfiguration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the local stack can be told, from command-line flags ({@code --http-port=8081}) or the environment
 * ({@code SER_HTTP_PORT=8081}); flags win. Defaults for files are in the repository ({@link RepositoryLayout});
 * paths given explicitly are relative to the working directory.
 *
 * @param httpPort      prediction API and web page
 * @param s3Port        the local S3 port: a front that checks signatures before S3Mock (which listens on loopback ports
 *                      of its own)
 * @param bucket        the clip bucket, created at start
 * @param webDir        static files served at {@code /}
 * @param modelPath     the model artifact the API and the tagging handler load
 * @param s3DataDir     where S3Mock keeps objects; empty = a temporary folder removed on exit
 * @param s3MockJar     S3Mock's standalone exec jar
 * @param watchInterval how often the upload watcher lists the upload prefix
 * @param apiKey        the key the API requires in {@code x-api-key}, as API Gateway does in the template's default
 *                      mode; empty for an open API (the default, so that curl and the examples work without one)
 * @param bind          the address the API, the page and the S3 front listen on: loopback by default, so nobody else
 *                      on the network reaches them; {@code 0.0.0.0} opens them deliberately (a phone on the same
 *                      network). S3Mock itself always listens on loopback, behind the front
 */
public record LocalStackSettings(int httpPort,
                                 int s3Port,
                                 String bucket,
                                 Path webDir,
                                 Path modelPath,
                                 Optional<Path> s3DataDir,
                                 Path s3MockJar,
                                 Duration watchInterval,
                                 String apiKey,
                                 String bind) {

    /** Flag name → (environment variable, default, description). One table, so usage text and parsing agree. */
    private static final Map<String, Option> OPTIONS = new LinkedHashMap<>();

    static {
        option("http-port", "SER_HTTP_PORT", "8080", "port of the API and the web page");
        option("s3-port", "SER_S3_PORT", "9090", "port of the local S3 server (S3Mock, behind a signature check)");
        option("bucket", "SER_BUCKET", SerConfiguration.DEFAULT_BUCKET, "bucket created in the local S3 server");
        option("web-dir", "SER_WEB_DIR", "", "directory served at / (default: the repository's web/)");
        option("model", "SER_MODEL_PATH", "", "model artifact (default: the repository's " + RepositoryLayout.ENGINE_MODULE + "/" + RepositoryLayout.MODEL_FILE + ")");
        option("s3-data-dir", "SER_S3_DATA_DIR", "", "keep S3 objects in this directory across runs (default: temporary)");
        option("s3mock-jar", "SER_S3MOCK_JAR", "", "S3Mock exec jar (default: s3mock-exec.jar beside this program's jar)");
        option("watch-interval-ms", "SER_WATCH_INTERVAL_MS", "1000", "how often new uploads are looked for");
        option("api-key", "SER_API_KEY", "", "require this key in x-api-key, like the deployed API (default: open)");
        option("bind", "SER_BIND", "127.0.0.1", "address the API, page and S3 listen on (0.0.0.0: every interface, on purpose)");
    }

    private record Option(String env, String defaultValue, String description) {
    }

    private static void option(String flag, String env, String defaultValue, String description) {
        OPTIONS.put(flag, new Option(env, defaultValue, description));
    }

    /** Reads flags, then the environment, then defaults. */
    public static LocalStackSettings parse(String[] args, Map<String, String> env) throws UsageException {
        Map<String, String> values = new LinkedHashMap<>();
        OPTIONS.forEach((flag, option) -> values.put(flag, env.getOrDefault(option.env(), option.defaultValue())));
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                throw new UsageException(null);
            }
            int eq = arg.indexOf('=');
            String flag = arg.startsWith("--") && eq > 2 ? arg.substring(2, eq) : null;
            if (flag == null || !OPTIONS.containsKey(flag)) {
                throw new UsageException("unknown argument: " + arg);
            }
            values.put(flag, arg.substring(eq + 1));
        }
        String jar = values.get("s3mock-jar");
        String dataDir = values.get("s3-data-dir");
        return new LocalStackSettings(
                port(values, "http-port"),
                port(values, "s3-port"),
                bucketName(values.get("bucket")),
                pathOr(values.get("web-dir"), RepositoryLayout::web),
                pathOr(values.get("model"), RepositoryLayout::committedModel),
                dataDir.isBlank() ? Optional.empty() : Optional.of(Path.of(dataDir).toAbsolutePath().normalize()),
                jar.isBlank() ? S3MockServer.jarBesideThisProgram() : Path.of(jar).toAbsolutePath().normalize(),
                Duration.ofMillis(positive(values, "watch-interval-ms")),
                values.get("api-key").trim(),
                address(values.get("bind").trim()));
    }

    /** Defaults are looked up only when used, so an explicit path works outside a checkout too. */
    private static Path pathOr(String value, java.util.function.Supplier<Path> fallback) {
        return (value.isBlank() ? fallback.get() : Path.of(value)).toAbsolutePath().normalize();
    }

    /** Fails early, with the flag to change, rather than deep inside a server start. */
    public void check() throws UsageException {
        if (!Files.isDirectory(webDir)) {
            throw new UsageException("web directory not found: " + webDir + " (run from the repository root or pass --web-dir=DIR)");
        }
        if (!Files.isRegularFile(modelPath)) {
            throw new UsageException("model artifact not found: " + modelPath + " (train one with ./ser train or pass --model=FILE)");
        }
        if (!Files.isRegularFile(s3MockJar)) {
            throw new UsageException("S3Mock jar not found: " + s3MockJar
                    + " (build with: mvn -pl tools -am package, or pass --s3mock-jar=FILE)");
        }
        if (httpPort == s3Port) {
            throw new UsageException("--http-port and --s3-port must differ");
        }
    }

    public static String usage() {
        StringBuilder text = new StringBuilder("usage: ./ser serve [--flag=value ...]\n\n");
        OPTIONS.forEach((flag, option) -> text.append(String.format("  --%-22s %s%n  %-24s env %s%s%n",
                flag + "=...", option.description(), "", option.env(),
                option.defaultValue().isEmpty() ? "" : ", default " + option.defaultValue())));
        return text.toString();
    }

    private static int port(Map<String, String> values, String flag) throws UsageException {
        int port = positive(values, flag);
        if (port > 65535) {
            throw new UsageException("--" + flag + " must be a port number (1-65535), got " + port);
        }
        return port;
    }

    private static int positive(Map<String, String> values, String flag) throws UsageException {
        String text = values.get(flag);
        try {
            int value = Integer.parseInt(text.trim());
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--" + flag + " must be a positive whole number, got \"" + text + "\"");
    }

    private static String address(String bind) throws UsageException {
        try {
            return java.net.InetAddress.getByName(bind).getHostAddress();
        } catch (java.net.UnknownHostException e) {
            throw new UsageException("--bind must be an address of this machine (127.0.0.1, 0.0.0.0...), got \"" + bind + "\"");
        }
    }

    private static String bucketName(String name) throws UsageException {
        // S3's rules for bucket names, enough to catch typos before S3Mock rejects them less clearly
        if (!name.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            throw new UsageException("--bucket must be a valid S3 bucket name (3-63 of a-z 0-9 . -), got \"" + name + "\"");
        }
        return name;
    }

    /** A bad flag or a missing file: printed with the usage, never as a stack trace. */
    public static final class UsageException extends Exception {
        public UsageException(String message) {
            super(message);
        }
    }
}
