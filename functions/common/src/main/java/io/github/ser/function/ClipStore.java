package io.github.ser.function;

import io.github.ser.CapacityExceededException;
import io.github.ser.audio.AudioErrorCode;
import io.github.ser.audio.AudioException;
import io.micronaut.context.BeanProvider;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.TaggingDirective;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The one place that talks to S3, for both functions and the local stack: clips, their tags, result JSON and
 * presigned uploads. Transient failures are retried by the SDK's retry strategy within the configured timeouts and
 * then thrown as {@link StorageUnavailableException}; a request S3 refuses for good (a bad key or bucket, access
 * denied) as its {@link StorageRefusedException}; only a missing object is turned into a checked
 * {@link NoSuchClipException}, because callers treat it as "nothing to do".
 */
@Singleton
public class ClipStore {
    private static final Logger LOG = LoggerFactory.getLogger(ClipStore.class);
    private static final Set<String> MISSING = Set.of("NoSuchKey", "NoSuchVersion");

    /** Built on first use: the prediction API's /predict and /health never need S3, so their cold start skips it. */
    private final BeanProvider<S3Client> s3;
    private final BeanProvider<S3Presigner> presigner;
    private final JsonMapper json;
    private final SerConfiguration config;

    public ClipStore(BeanProvider<S3Client> s3, BeanProvider<S3Presigner> presigner, JsonMapper json,
                     SerConfiguration config) {
        this.s3 = s3;
        this.presigner = presigner;
        this.json = json;
        this.config = config;
    }

    /**
     * Downloads a clip, refusing (from the object's size, before reading it) anything above {@code maxBytes}.
     *
     * @throws AudioException {@link AudioErrorCode#TOO_LARGE} for an oversized object
     * @throws CapacityExceededException when there is not enough memory to hold it now (retryable, not the clip's fault)
     */
    public byte[] read(ObjectRef clip, long maxBytes) throws NoSuchClipException, AudioException {
        try (ResponseInputStream<GetObjectResponse> in = call(clip, () -> s3.get().getObject(b -> b.bucket(clip.bucket())
                .key(clip.key()).versionId(clip.versionId())
                // a long download is not a stall: the socket timeout still catches one
                .overrideConfiguration(o -> o.apiCallTimeout(config.getS3TransferTimeout())
                        .apiCallAttemptTimeout(config.getS3TransferTimeout()))))) {
            Long size = in.response().contentLength();
            if (size != null && size > maxBytes) {
                in.abort();
                throw tooLarge(size, maxBytes);
            }
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw tooLarge(bytes.length, maxBytes);
            }
            return bytes;
        } catch (IOException e) {
            throw new StorageUnavailableException("reading s3://" + clip.bucket() + "/" + clip.key() + " broke off", e);
        } catch (OutOfMemoryError e) {
            throw new CapacityExceededException("not enough memory to download s3://" + clip.bucket() + "/" + clip.key(),
                    CapacityExceededException.DEFAULT_RETRY_AFTER_SECONDS, e);
        }
    }

    /** The object's tags, in S3's order. */
    public Map<String, String> tags(ObjectRef clip) throws NoSuchClipException {
        List<Tag> tagSet = call(clip, () -> s3.get().getObjectTagging(b -> b.bucket(clip.bucket()).key(clip.key())
                .versionId(clip.versionId())).tagSet());
        Map<String, String> tags = new LinkedHashMap<>();
        tagSet.forEach(tag -> tags.put(tag.key(), tag.value()));
        return tags;
    }

    /**
     * Replaces the tags in {@code namespace} with {@code ours}, keeping everyone else's (see {@link S3Tags#merge}).
     *
     * @return the tag set now on the object
     */
    public Map<String, String> mergeTags(ObjectRef clip, String namespace, Map<String, String> ours)
            throws NoSuchClipException {
        Map<String, String> existing = tags(clip);
        Map<String, String> merged = S3Tags.merge(existing, namespace, ours);
        long foreign = existing.keySet().stream().filter(key -> !S3Tags.replaced(key, namespace, ours)).count();
        if (merged.size() - foreign < ours.size()) {
            LOG.warn("s3://{}/{} already has {} tags of its own: only {} of our {} fit in S3's limit of {}",
                    clip.bucket(), clip.key(), foreign, merged.size() - foreign, ours.size(), S3Tags.MAX_TAGS);
        }
        if (merged.equals(existing)) {
            return existing;
        }
        List<Tag> tagSet = merged.entrySet().stream()
                .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
                .toList();
        call(clip, () -> s3.get().putObjectTagging(b -> b.bucket(clip.bucket()).key(clip.key()).versionId(clip.versionId())
                .tagging(t -> t.tagSet(tagSet))));
        return merged;
    }

    /**
     * A server-side copy of the clip to {@code targetKey} in its bucket, without its tags (they describe the upload, and
     * copying them would need tagging rights on the target too).
     */
    public void copy(ObjectRef clip, String targetKey) throws NoSuchClipException {
        call(clip, () -> s3.get().copyObject(b -> b.sourceBucket(clip.bucket()).sourceKey(clip.key())
                .sourceVersionId(clip.versionId()).destinationBucket(clip.bucket()).destinationKey(targetKey)
                .taggingDirective(TaggingDirective.REPLACE)));
    }

    /** Deletes an object; one that is already gone is no error (S3 answers 204 either way). */
    public void delete(ObjectRef object) {
        unavailableIfFails(object, () -> s3.get().deleteObject(b -> b.bucket(object.bucket()).key(object.key())));
    }

    /** Writes {@code result} as JSON to the clip's result key in the clip's bucket. */
    public void writeResult(ObjectRef clip, Object result) {
        byte[] body;
        try {
            body = json.writeValueAsBytes(result);
        } catch (IOException e) {
            throw new UncheckedIOException("serializing the result of " + clip.key(), e);
        }
        ObjectRef target = new ObjectRef(clip.bucket(), config.resultKey(clip.key()));
        unavailableIfFails(target, () -> s3.get().putObject(b -> b.bucket(target.bucket()).key(target.key())
                .contentType("application/json"), RequestBody.fromBytes(body)));
    }

    /**
     * The result JSON for a clip: empty while there is none, and also when the object there is not a JSON object with
     * a string {@code status} (logged: someone else wrote it), so that a caller never fails on a result it cannot read.
     */
    public Optional<JsonNode> readResult(String bucket, String clipKey) {
        ObjectRef result = new ObjectRef(bucket, config.resultKey(clipKey));
        byte[] bytes;
        try {
            bytes = call(result, () -> s3.get().getObjectAsBytes(b -> b.bucket(result.bucket()).key(result.key())).asByteArray());
        } catch (NoSuchClipException e) {
            return Optional.empty();
        }
        try {
            JsonNode node = json.readValue(bytes, JsonNode.class);
            if (node != null && node.isObject() && node.get("status") != null && node.get("status").isString()) {
                return Optional.of(node);
            }
        } catch (IOException | RuntimeException e) {
            // fall through: unreadable
        }
        LOG.warn("s3://{}/{} is not a result (a JSON object with a status); ignored", result.bucket(), result.key());
        return Optional.empty();
    }

    /**
     * Whether the bucket answers now (one small listing of the upload prefix, which the functions' IAM policies
     * allow), for readiness checks.
     *
     * @throws StorageUnavailableException when it does not, with why
     */
    public void checkReachable() {
        ObjectRef bucket = new ObjectRef(config.getBucket(), config.getUploadPrefix());
        unavailableIfFails(bucket, () -> s3.get().listObjectsV2(b -> b.bucket(bucket.bucket()).prefix(bucket.key()).maxKeys(1)));
    }

    /**
     * A URL that lets a client PUT exactly one clip of exactly {@code contentLength} bytes with the given content
     * type into the configured bucket. The SDK signs every header set on the request: {@code Content-Length} (S3
     * refuses a body of any other size) and {@code If-None-Match: *} (S3 refuses to overwrite an existing object,
     * so a URL cannot be reused to replace the clip once it is there).
     */
    public PresignedUpload presignUpload(String key, String contentType, long contentLength) {
        PresignedPutObjectRequest presigned = presigner.get().presignPutObject(p -> p
                .signatureDuration(config.getPresignTtl())
                .putObjectRequest(b -> b.bucket(config.getBucket()).key(key).contentType(contentType)
                        .contentLength(contentLength).ifNoneMatch("*")));
        Map<String, String> headers = new LinkedHashMap<>();
        // clients set Host and Content-Length themselves (browsers and Java refuse to); the rest must be sent as signed
        presigned.signedHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host") && !name.equalsIgnoreCase("content-length")) {
                headers.put(headerName(name), String.join(",", values));
            }
        });
        return new PresignedUpload(key, presigned.url().toString(), "PUT", headers, contentLength,
                config.getPresignTtl().toSeconds());
    }

    private static String headerName(String signed) {
        return switch (signed.toLowerCase(Locale.ROOT)) {
            case "content-type" -> "Content-Type";
            case "if-none-match" -> "If-None-Match";
            default -> signed;
        };
    }


    private static AudioException tooLarge(long size, long max) {
        return new AudioException(AudioErrorCode.TOO_LARGE,
                "The object has " + size + " bytes; the limit is " + max + " bytes");
    }

    /** Runs one S3 call: a missing object is {@link NoSuchClipException}, any other failure is ours to retry. */
    private static <T> T call(ObjectRef object, Supplier<T> request) throws NoSuchClipException {
        try {
            return request.get();
        } catch (S3Exception e) {
            if (isMissing(e)) {
                throw new NoSuchClipException(object);
            }
            if (StorageRefusedException.isFinal(e)) {
                throw new StorageRefusedException("S3 refused the request for s3://" + object.bucket() + "/" + object.key()
                        + ": " + e.getMessage(), e);
            }
            throw unavailable(object, e);
        } catch (SdkException e) {
            throw unavailable(object, e);
        }
    }

    /** Like {@link #call}, for requests where a missing object cannot happen or is not expected. */
    private static void unavailableIfFails(ObjectRef object, Supplier<?> request) {
        try {
            call(object, request);
        } catch (NoSuchClipException e) {
            throw unavailable(object, e);
        }
    }

    private static StorageUnavailableException unavailable(ObjectRef object, Exception cause) {
        return new StorageUnavailableException("S3 request for s3://" + object.bucket() + "/" + object.key()
                + " failed: " + cause.getMessage(), cause);
    }

    private static boolean isMissing(S3Exception e) {
        return e.statusCode() == 404 && e.awsErrorDetails() != null
                && MISSING.contains(e.awsErrorDetails().errorCode());
    }
}
