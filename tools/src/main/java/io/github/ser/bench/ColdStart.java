package io.github.ser.bench;

import io.github.ser.RepositoryLayout;
import io.github.ser.local.S3MockServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cold starts of the packaged functions, as Lambda's java21 runtime makes them: a fresh JVM per run with Lambda's
 * default {@code -XX:+TieredCompilation -XX:TieredStopAtLevel=1} and its classpath order (the function's classes,
 * its {@code lib/*.jar}, then the layer's {@code java/lib/*.jar}), the handler constructed, one real event from
 * {@code events/} handled. S3 calls go to a local S3Mock holding the object the S3 event names.
 */
public final class ColdStart {

    /** Lambda's defaults for the java21 runtime (SnapStart off). */
    public static final List<String> LAMBDA_JVM_FLAGS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC");
    private static final String REGION = "us-east-1";
    private static final Pattern BUCKET = Pattern.compile("\"bucket\"\\s*:\\s*\\{[^}]*\"name\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern KEY = Pattern.compile("\"object\"\\s*:\\s*\\{[^}]*\"key\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern BODY = Pattern.compile("\"body\"\\s*:\\s*\"([^\"]+)\"");

    /**
     * One run: JVM start to handler constructed (Lambda's init), the handler's constructor alone, the first request,
     * peak RSS, and the process's CPU time for init and for the first request (all threads), and what the handler
     * answered (its {@code toString}), to show that the request really did its work.
     */
    public record Run(double initMillis, double constructMillis, double firstInvokeMillis, long peakRssKb,
                      double initCpuMillis, double firstInvokeCpuMillis, String response) {
    }

    /** The runs of one function with one event. */
    public record Result(String function, String event, List<Run> runs) {
        public double median(java.util.function.ToDoubleFunction<Run> metric) {
            double[] values = runs.stream().mapToDouble(metric).sorted().toArray();
            int n = values.length;
            return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
        }
    }

    private ColdStart() {
    }

    /**
     * The event each function of {@code template.yaml} is measured with: the one its tests and {@code sam local invoke}
     * use. The S3 and Batch events name the same object, which {@link #measure} puts in S3Mock.
     */
    private static final Map<String, String> EVENTS = Map.of(
            "TaggingFunction", "s3-put.json",
            "BatchTaggingFunction", "s3-batch.json",
            "PredictionFunction", "api-predict.json");

    /** @throws IllegalArgumentException for a function without a sample event, saying where to add one */
    public static String eventFor(String function) {
        String event = EVENTS.get(function);
        if (event == null) {
            throw new IllegalArgumentException("no sample event for " + function + " (known: "
                    + new TreeSet<>(EVENTS.keySet()) + "): add one to events/ and to ColdStart.EVENTS");
        }
        return event;
    }

    /**
     * @param layer     a packaged layer ({@link LambdaPackages#buildLayer})
     * @param functions packaged functions ({@link LambdaPackages#buildFunctions})
     */
    public static List<Result> measure(Path repository, Path layer, List<LambdaPackages.Function> functions, int runs,
                                       Path s3MockJar) throws IOException, InterruptedException {
        Path probeDir = probeClasses();
        String s3Event = Files.readString(repository.resolve("events/s3-put.json"));
        String bucket = first(BUCKET, s3Event, "bucket name in events/s3-put.json");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (S3MockServer s3 = S3MockServer.start(s3MockJar, "127.0.0.1", port, bucket, Optional.empty())) {
            putEventObject(s3, bucket, URLDecoder.decode(first(KEY, s3Event, "object key in events/s3-put.json"),
                    StandardCharsets.UTF_8), clipOfPredictEvent(repository));
            List<Result> results = new ArrayList<>();
            for (LambdaPackages.Function function : functions) {
                Path event = repository.resolve("events").resolve(eventFor(function.name()));
                List<Run> measured = new ArrayList<>();
                for (int i = 0; i < runs; i++) {
                    measured.add(runOnce(function, layer, event, probeDir, s3.endpoint().toString(), bucket));
                }
                results.add(new Result(function.name(), "events/" + event.getFileName(), measured));
            }
            return results;
        } finally {
            deleteRecursively(probeDir);
        }
    }

    private static Run runOnce(LambdaPackages.Function function, Path layer, Path event, Path probeDir,
                               String s3Endpoint, String bucket) throws IOException, InterruptedException {
        String classpath = String.join(File.pathSeparator, probeDir.toString(), function.dir().toString(),
                function.dir().resolve("lib/*").toString(), layer.resolve("java/lib/*").toString());
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(LAMBDA_JVM_FLAGS);
        command.addAll(List.of("-cp", classpath, ColdStartProbe.class.getName(), function.handlerClass(), event.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("SER_") || k.startsWith("AWS_") || k.startsWith("JAVA_TOOL"));
        env.putAll(lambdaEnvironment(function, layer, s3Endpoint, bucket));
        Path log = Files.createTempFile("ser-cold-start", ".log");
        try {
            Process java = builder.redirectOutput(log.toFile()).start();
            if (!java.waitFor(120, TimeUnit.SECONDS)) {
                java.destroyForcibly();
                throw new IOException(function.name() + " did not finish its cold start within 120 s");
            }
            String output = Files.readString(log);
            Matcher response = Pattern.compile("(?m)^response (.*)$").matcher(output);
            Matcher m = Pattern.compile("(?m)^cold-start (\\d+) ([\\d.]+) ([\\d.]+) (-?\\d+) (\\d+) (\\d+)$").matcher(output);
            if (java.exitValue() != 0 || !m.find()) {
                throw new IOException(function.name() + " failed its cold start (exit " + java.exitValue() + "):\n"
                        + output.substring(Math.max(0, output.length() - 4000)));
            }
            double construct = Double.parseDouble(m.group(2));
            return new Run(Long.parseLong(m.group(1)) + construct, construct, Double.parseDouble(m.group(3)),
                    Long.parseLong(m.group(4)), Double.parseDouble(m.group(5)), Double.parseDouble(m.group(6)),
                    response.find() ? response.group(1) : "");
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** What Lambda and the template give a function, pointed at the local layer and S3Mock. */
    private static Map<String, String> lambdaEnvironment(LambdaPackages.Function function, Path layer,
                                                         String s3Endpoint, String bucket) {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_REGION", REGION);
        env.put("AWS_DEFAULT_REGION", REGION);
        env.put("AWS_ACCESS_KEY_ID", S3MockServer.ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", S3MockServer.SECRET_KEY);
        env.put("AWS_LAMBDA_FUNCTION_NAME", function.name());
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1769");
        env.put("SER_MODEL_PATH", layer.resolve(RepositoryLayout.MODEL_FILE).toString()); // under /opt in Lambda
        env.put("SER_BUCKET", bucket);
        env.put("SER_S3_ENDPOINT", s3Endpoint);
        env.put("SER_S3_PATH_STYLE", "true");
        env.put("SER_S3_REGION", REGION);
        return env;
    }

    private static byte[] clipOfPredictEvent(Path repository) throws IOException {
        String event = Files.readString(repository.resolve("events/api-predict.json"));
        return Base64.getDecoder().decode(first(BODY, event, "body in events/api-predict.json"));
    }

    private static void putEventObject(S3MockServer s3, String bucket, String key, byte[] clip) {
        try (S3Client client = S3Client.builder().endpointOverride(s3.endpoint()).forcePathStyle(true)
                .region(Region.of(REGION)).httpClientBuilder(UrlConnectionHttpClient.builder())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        S3MockServer.ACCESS_KEY, S3MockServer.SECRET_KEY))).build()) {
            client.putObject(b -> b.bucket(bucket).key(key).contentType("audio/wav"), RequestBody.fromBytes(clip));
        }
    }

    /** The probe's class file in a folder of its own, so that nothing else of this program joins the classpath. */
    private static Path probeClasses() throws IOException {
        Path dir = Files.createTempDirectory("ser-cold-start-probe");
        String resource = ColdStartProbe.class.getName().replace('.', '/') + ".class";
        Path target = dir.resolve(resource);
        Files.createDirectories(target.getParent());
        try (InputStream in = ColdStart.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("cannot find " + resource + " on this program's classpath");
            }
            Files.copy(in, target);
        }
        return dir;
    }

    private static String first(Pattern pattern, String text, String what) throws IOException {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            throw new IOException("no " + what);
        }
        return m.group(1);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted((a, b) -> b.compareTo(a))::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

}
