package io.github.ser.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Benchmark, not a test: N POST /predict requests with C in flight at once against a running API, reporting latency
 * percentiles, throughput and errors. Run against the local stack:
 * {@code ./ser load-check --requests=200 --concurrency=4}
 */
public final class LoadCheck {

    private LoadCheck() {
    }

    /** What one run measured. */
    public record Report(int requests, int concurrency, long bytesPerRequest, double wallSeconds,
                         double[] latenciesMillis, Map<String, Integer> errors) {

        public int succeeded() {
            return latenciesMillis.length;
        }

        public double percentile(double p) {
            if (latenciesMillis.length == 0) {
                return Double.NaN;
            }
            double[] sorted = latenciesMillis.clone();
            Arrays.sort(sorted);
            int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;    // nearest-rank
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
        }

        public String format() {
            int errorCount = errors.values().stream().mapToInt(Integer::intValue).sum();
            return String.format(Locale.ROOT,
                    "requests %d, concurrency %d, body %d bytes%n"
                            + "ok %d, errors %d %s%n"
                            + "latency ms: p50 %.1f  p90 %.1f  p99 %.1f  max %.1f%n"
                            + "throughput %.1f requests/s over %.1f s%n",
                    requests, concurrency, bytesPerRequest, succeeded(), errorCount, errors.isEmpty() ? "" : errors,
                    percentile(50), percentile(90), percentile(99), percentile(100),
                    requests / wallSeconds, wallSeconds);
        }
    }

    public static void main(String[] args) {
        try {
            Map<String, String> options = options(args);
            URI url = URI.create(options.getOrDefault("url", "http://localhost:8080").replaceAll("/+$", "") + "/predict");
            Path file = Path.of(options.getOrDefault("file", "../shared/datasets/samples/03-01-05-02-01-01-01.wav"));
            int requests = number(options, "requests", 200, 1);
            int concurrency = number(options, "concurrency", 4, 1);
            int warmup = number(options, "warmup", 20, 0);
            String apiKey = options.getOrDefault("api-key", "");
            byte[] body = Files.readAllBytes(file);
            System.out.printf("POST %s with %s, %d warm-up requests first%n", url, file, warmup);
            if (warmup > 0) {
                run(url, body, warmup, concurrency, apiKey);
            }
            System.out.print(run(url, body, requests, concurrency, apiKey).format());
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("load-check: " + e.getMessage());
            System.err.println("usage: LoadCheck [--url=http://localhost:8080] [--file=clip.wav] [--requests=200] "
                    + "[--concurrency=4] [--warmup=20] [--api-key=KEY]");
            System.exit(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.exit(130);
        }
    }

    /** Sends {@code requests} POSTs with at most {@code concurrency} in flight, with {@code apiKey} unless it is empty. */
    public static Report run(URI predictUrl, byte[] wav, int requests, int concurrency, String apiKey)
            throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest.Builder builder = HttpRequest.newBuilder(predictUrl)
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "audio/wav")
                .POST(HttpRequest.BodyPublishers.ofByteArray(wav));
        if (!apiKey.isEmpty()) {
            builder.header("x-api-key", apiKey);
        }
        HttpRequest request = builder.build();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        List<Future<Object>> outcomes = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < requests; i++) {
            outcomes.add(pool.submit(() -> timeOne(http, request)));
        }
        List<Double> latencies = new ArrayList<>();
        Map<String, Integer> errors = new TreeMap<>();
        for (Future<Object> outcome : outcomes) {
            try {
                Object result = outcome.get();
                if (result instanceof Double millis) {
                    latencies.add(millis);
                } else {
                    errors.merge((String) result, 1, Integer::sum);
                }
            } catch (java.util.concurrent.ExecutionException e) {
                errors.merge(e.getCause().getClass().getSimpleName(), 1, Integer::sum);
            }
        }
        double wall = (System.nanoTime() - started) / 1e9;
        pool.shutdown();
        return new Report(requests, concurrency, wav.length, wall,
                latencies.stream().mapToDouble(Double::doubleValue).toArray(), errors);
    }

    /** Latency in milliseconds, or a short error label (HTTP status or exception). */
    private static Object timeOne(HttpClient http, HttpRequest request) {
        long t0 = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            double millis = (System.nanoTime() - t0) / 1e6;
            return response.statusCode() == 200 ? (Object) millis : "HTTP " + response.statusCode();
        } catch (IOException e) {
            return e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new TreeMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 3) {
                throw new IllegalArgumentException("unknown argument: " + arg);
            }
            String name = arg.substring(2, eq);
            if (!List.of("url", "file", "requests", "concurrency", "warmup", "api-key").contains(name)) {
                throw new IllegalArgumentException("unknown option: --" + name);
            }
            options.put(name, arg.substring(eq + 1));
        }
        return options;
    }

    private static int number(Map<String, String> options, String name, int fallback, int min) {
        String text = options.get(name);
        if (text == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= min) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--" + name + " must be a whole number >= " + min + ", got \"" + text + "\"");
    }
}
