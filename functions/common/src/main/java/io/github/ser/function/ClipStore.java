package io.github.ser.function;

import io.github.ser.audio.AudioErrorCode;
import io.github.ser.audio.AudioException;
import io.micronaut.context.BeanProvider;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Tag;
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

/**
 * The one place that talks to S3, for both functions and the local stack: clips, their tags, result JSON and
 * presigned uploads. Transient failures are retried by the SDK's retry strategy and then thrown; only a missing
 * object is turned into a checked {@link NoSuchClipException}, because callers treat it as "nothing to do".
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
     */
    public byte[] read(ObjectRef clip, long maxBytes) throws NoSuchClipException, AudioException {
        try (ResponseInputStream<GetObjectResponse> in = s3.get().getObject(b -> b.bucket(clip.bucket()).key(clip.key())
                .versionId(clip.versionId()))) {
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
        } catch (S3Exception e) {
            throw missingOr(e, clip);
        } catch (IOException e) {
            throw new UncheckedIOException("reading s3://" + clip.bucket() + "/" + clip.key(), e);
        }
    }

    /** The object's tags, in S3's order. */
    public Map<String, String> tags(ObjectRef clip) throws NoSuchClipException {
        try {
            List<Tag> tagSet = s3.get().getObjectTagging(b -> b.bucket(clip.bucket()).key(clip.key())
                    .versionId(clip.versionId())).tagSet();
            Map<String, String> tags = new LinkedHashMap<>();
            tagSet.forEach(tag -> tags.put(tag.key(), tag.value()));
            return tags;
        } catch (S3Exception e) {
            throw missingOr(e, clip);
        }
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
        long foreign = existing.keySet().stream().filter(key -> !S3Tags.owned(key, namespace)).count();
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
        try {
            s3.get().putObjectTagging(b -> b.bucket(clip.bucket()).key(clip.key()).versionId(clip.versionId())
                    .tagging(t -> t.tagSet(tagSet)));
        } catch (S3Exception e) {
            throw missingOr(e, clip);
        }
        return merged;
    }

    /** Writes {@code result} as JSON to the clip's result key in the clip's bucket. */
    public void writeResult(ObjectRef clip, Object result) {
        byte[] body;
        try {
            body = json.writeValueAsBytes(result);
        } catch (IOException e) {
            throw new UncheckedIOException("serializing the result of " + clip.key(), e);
        }
        s3.get().putObject(b -> b.bucket(clip.bucket()).key(config.resultKey(clip.key())).contentType("application/json"),
                RequestBody.fromBytes(body));
    }

    /** The result JSON for a clip, or empty while there is none. */
    public Optional<JsonNode> readResult(String bucket, String clipKey) {
        ObjectRef result = new ObjectRef(bucket, config.resultKey(clipKey));
        try {
            byte[] bytes = s3.get().getObjectAsBytes(b -> b.bucket(result.bucket()).key(result.key())).asByteArray();
            return Optional.of(json.readValue(bytes, JsonNode.class));
        } catch (S3Exception e) {
            if (isMissing(e)) {
                return Optional.empty();
            }
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + result.key(), e);
        }
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

    private static boolean isMissing(S3Exception e) {
        return e.statusCode() == 404 && e.awsErrorDetails() != null
                && MISSING.contains(e.awsErrorDetails().errorCode());
    }

    /** A missing object becomes {@link NoSuchClipException}; anything else is not ours to judge and goes up. */
    private static NoSuchClipException missingOr(S3Exception e, ObjectRef clip) {
        if (isMissing(e)) {
            return new NoSuchClipException(clip);
        }
        throw e;
    }
}
