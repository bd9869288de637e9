package io.github.ser.cli;

import io.github.ser.function.testing.RepoFiles;
import io.github.ser.function.testing.TestAudio;
import io.github.ser.local.LocalStack;
import io.github.ser.local.SharedLocalStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Tag;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ser backfill} against the real local stack (S3Mock over HTTP): 100 objects under a prefix the upload watcher
 * does not watch, so only the backfill tags them.
 */
@ExtendWith(SharedLocalStack.class)
class BackfillCommandTest {
    private static final String PREFIX = "archive/2025/";
    private static final int GOOD = 96;

    @Test
    void tagsAPrefixOfAHundredObjectsWithProgressAndASummaryThenSkipsThemUnlessForced(LocalStack stack) {
        S3Client s3 = client(stack);
        byte[] wav = RepoFiles.sharedBytes(TestAudio.SAMPLE_WAV);
        byte[] flac = RepoFiles.sharedBytes(TestAudio.SAMPLE_FLAC);
        for (int i = 0; i < GOOD; i++) {
            put(s3, stack, String.format("%sgood-%03d.%s", PREFIX, i, i % 2 == 0 ? "wav" : "flac"), i % 2 == 0 ? wav : flac);
        }
        put(s3, stack, PREFIX + "bad/notes.txt", TestAudio.notAudio());
        put(s3, stack, PREFIX + "bad/truncated.wav", TestAudio.truncatedHeader());
        String model = modelVersion();
        for (String key : List.of(PREFIX + "done-before/a.wav", PREFIX + "done-before/b.wav")) {
            put(s3, stack, key, wav);
            s3.putObjectTagging(b -> b.bucket(stack.bucket()).key(key).tagging(t -> t.tagSet(
                    Tag.builder().key("emotion").value("calm").build(),
                    Tag.builder().key("emotion-model").value(model).build())));
        }

        CliRun first = backfill(stack, PREFIX, "--concurrency", "2");

        assertEquals(SerCli.SOME_FILES_FAILED, first.exit(), first.err());
        assertTrue(first.err().contains("100 objects; tagging 2 at a time"), first.err());
        assertTrue(first.err().contains("] 100/100  tagged 96  skipped 2  failed 2"), first.err());
        assertTrue(first.err().lines().filter(l -> l.startsWith("[")).count() >= 5, "progress shown along the way");
        assertTrue(first.out().contains("s3://clips/" + PREFIX + ": 100 objects in "), first.out());
        assertTrue(first.out().contains("tagged   96"), first.out());
        assertTrue(first.out().contains("skipped  2"), first.out());
        assertTrue(first.out().contains("failed   2"), first.out());
        assertTrue(first.out().contains("corrupt_audio        1"), first.out());
        assertTrue(first.out().contains("unsupported_format   1"), first.out());
        for (int i = 0; i < GOOD; i++) {
            String key = String.format("%sgood-%03d.%s", PREFIX, i, i % 2 == 0 ? "wav" : "flac");
            Map<String, String> tags = tags(s3, stack, key);
            assertEquals("angry", tags.get("emotion"), key + " " + tags);
            assertEquals(model, tags.get("emotion-model"));
            s3.headObject(b -> b.bucket(stack.bucket()).key("results/" + key + ".json"));
        }
        assertEquals("calm", tags(s3, stack, PREFIX + "done-before/a.wav").get("emotion"), "skipped, not re-analysed");
        assertEquals("unsupported_format", tags(s3, stack, PREFIX + "bad/notes.txt").get("emotion-error"));

        CliRun again = backfill(stack, PREFIX);

        assertTrue(again.out().contains("tagged   0"), again.out());
        assertTrue(again.out().contains("skipped  98"), again.out());
        assertTrue(again.out().contains("failed   2"), again.out());

        CliRun forced = backfill(stack, PREFIX + "done-before/", "--force");

        assertEquals(0, forced.exit(), forced.err());
        assertTrue(forced.out().contains("tagged   2"), forced.out());
        assertEquals("angry", tags(s3, stack, PREFIX + "done-before/a.wav").get("emotion"), "re-analysed when forced");
        assertFalse(tags(s3, stack, PREFIX + "done-before/b.wav").containsKey("emotion-status"));
    }

    @Test
    void aLocationThatIsNotAnS3UrlCannotRun() {
        CliRun run = CliRun.of("backfill", "clips/uploads/");

        assertEquals(SerCli.CANNOT_RUN, run.exit());
        assertTrue(run.err().contains("expected s3://BUCKET/PREFIX"), run.err());
    }

    private static CliRun backfill(LocalStack stack, String prefix, String... more) {
        String[] args = new String[4 + 2 + more.length];
        args[0] = "backfill";
        args[1] = "s3://" + stack.bucket() + "/" + prefix;
        args[2] = "--endpoint";
        args[3] = stack.s3Endpoint().toString();
        args[4] = "--model";
        args[5] = RepoFiles.model().toString();
        System.arraycopy(more, 0, args, 6, more.length);
        return CliRun.of(args);
    }

    private static String modelVersion() {
        try {
            return io.github.ser.EmotionRecognizer.load(RepoFiles.model(), io.github.ser.RecognizerSettings.defaults())
                    .modelVersion();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static S3Client client(LocalStack stack) {
        return S3Client.builder().endpointOverride(stack.s3Endpoint()).forcePathStyle(true).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
    }

    private static void put(S3Client s3, LocalStack stack, String key, byte[] bytes) {
        s3.putObject(b -> b.bucket(stack.bucket()).key(key), RequestBody.fromBytes(bytes));
    }

    private static Map<String, String> tags(S3Client s3, LocalStack stack, String key) {
        Map<String, String> tags = new LinkedHashMap<>();
        s3.getObjectTagging(b -> b.bucket(stack.bucket()).key(key)).tagSet().forEach(t -> tags.put(t.key(), t.value()));
        return tags;
    }
}
