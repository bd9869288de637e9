package io.github.ser.cli;

import ch.qos.logback.classic.Level;
import io.github.ser.backfill.Backfill;
import io.github.ser.backfill.BackfillSummary;
import io.github.ser.backfill.ProgressBar;
import io.github.ser.backfill.S3Location;
import io.github.ser.function.RecognizerProvider;
import io.github.ser.function.SerConfiguration;
import io.github.ser.tagging.TaggingService;
import io.micronaut.context.ApplicationContext;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code ser backfill s3://BUCKET/PREFIX}: tags the clips already in a bucket, as the batch function does in AWS. */
@Command(name = "backfill",
        description = "Tag every clip under s3://BUCKET/PREFIX with its emotion (tags + results/<key>.json), as the "
                + "upload function does for new clips. Clips already tagged by this model version are skipped "
                + "unless --force. Exit code: 0 all tagged or skipped, 1 some failed, 2 could not run.")
final class BackfillCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "s3://BUCKET/PREFIX", description = "Where the clips are.")
    String location;

    @Mixin
    S3Access s3;

    @Option(names = "--force", description = "Analyse clips already tagged by this model version again.")
    boolean force;

    @Option(names = "--concurrency", paramLabel = "N", description = "Clips analysed at once. Default: the number of cores.")
    int concurrency = Runtime.getRuntime().availableProcessors();

    @Option(names = "--model", paramLabel = "FILE",
            description = "Model artifact. Default: $SER_MODEL_PATH, else layers/emotion-model/model/emotion-model.zip.")
    Path model;

    @Option(names = "--event-bus", paramLabel = "NAME",
            description = "Also send a Clip Tagged event per clip to this EventBridge bus (e.g. default). Default: none.")
    String eventBus;

    @Override
    public Integer call() throws Exception {
        S3Location where = S3Location.parse(location);
        if (concurrency < 1) {
            throw new IllegalArgumentException("--concurrency must be at least 1");
        }
        Path modelPath = model != null ? model : SerPaths.defaultModel();
        if (!Files.isRegularFile(modelPath)) {
            throw new IllegalArgumentException("no model at " + modelPath + "; pass --model FILE or set " + SerPaths.MODEL_ENV);
        }
        Level previous = quietPerClipLogs();
        try (ApplicationContext context = ApplicationContext.builder().deduceEnvironment(false)
                .properties(properties(modelPath)).start()) {
            context.getBean(RecognizerProvider.class).get();     // a broken model stops here, before any listing
            Backfill backfill = new Backfill(context.getBean(S3Client.class), context.getBean(TaggingService.class),
                    context.getBean(SerConfiguration.class).getResultPrefix());
            PrintStream err = System.err;
            err.printf("Listing %s ...%n", where);
            List<String> keys = backfill.keys(where);
            err.printf("%d objects; tagging %d at a time%s%n", keys.size(), concurrency, force ? " (--force)" : "");
            long started = System.nanoTime();
            BackfillSummary summary = backfill.run(where.bucket(), keys, force, concurrency,
                    new ProgressBar(err, System.console() != null));
            print(System.out, where, summary, (System.nanoTime() - started) / 1e9);
            return summary.failed() == 0 ? 0 : SerCli.SOME_FILES_FAILED;
        } finally {
            restoreLogs(previous);
        }
    }

    private Map<String, Object> properties(Path modelPath) {
        Map<String, Object> properties = s3.properties();
        properties.put("micronaut.application.name", "ser-backfill");
        properties.put("ser.model-path", modelPath.toString());
        if (eventBus != null) {
            properties.put("ser.events.bus", eventBus);
            if (s3.region != null) {
                properties.put("ser.events.region", s3.region);
            }
        }
        return properties;
    }

    /** The progress bar says it all; one INFO line per clip would bury it (warnings and errors still show). */
    private static Level quietPerClipLogs() {
        if (LoggerFactory.getLogger("io.github.ser") instanceof ch.qos.logback.classic.Logger logger) {
            Level previous = logger.getLevel();
            logger.setLevel(Level.WARN);
            return previous;
        }
        return null;
    }

    private static void restoreLogs(Level previous) {
        if (LoggerFactory.getLogger("io.github.ser") instanceof ch.qos.logback.classic.Logger logger) {
            logger.setLevel(previous);
        }
    }

    static void print(PrintStream out, S3Location where, BackfillSummary s, double seconds) {
        out.printf(Locale.ROOT, "%s: %d objects in %.1f s%n", where, s.total(), seconds);
        out.printf(Locale.ROOT, "  tagged   %d%n", s.tagged());
        out.printf(Locale.ROOT, "  skipped  %d  (already tagged by this model version)%n", s.skipped());
        out.printf(Locale.ROOT, "  failed   %d%n", s.failed());
        s.failures().forEach((code, count) -> out.printf(Locale.ROOT, "    %-20s %d%n", code, count));
    }
}
