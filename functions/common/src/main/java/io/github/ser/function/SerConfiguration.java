package io.github.ser.function;

import io.github.ser.RepositoryLayout;
import io.github.ser.audio.AudioLimits;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

import java.net.URI;
import java.time.Duration;

/**
 * Everything the functions need to know about their surroundings, from {@code ser.*} properties or the
 * matching environment variables ({@code SER_MODEL_PATH}, {@code SER_BUCKET}, {@code SER_S3_ENDPOINT}, ...).
 * Each default is written here once; the local stack, the CLI and the docs refer to these constants. Validated and
 * created with the context ({@code @Context}), so a bad value stops the function at start with the property's name
 * and the rule it breaks, instead of failing the first request.
 */
@Context
@ConfigurationProperties("ser")
public class SerConfiguration {

    /** Under API Gateway's base64 (4/3) inflation this stays below Lambda's 6 MB synchronous payload. */
    public static final long DEFAULT_MAX_REQUEST_BYTES = 4_500_000;

    /** Where the layer puts the model: its model/ folder is mounted under /opt. */
    public static final String DEFAULT_MODEL_PATH = "/opt/" + RepositoryLayout.MODEL_FILE;
    public static final String DEFAULT_BUCKET = "clips";
    public static final String DEFAULT_UPLOAD_PREFIX = "uploads/";
    public static final String DEFAULT_RESULT_PREFIX = "results/";
    /** Clips a deployment analyses before its own feature moments are used (measured with 100: docs/accuracy.md). */
    public static final long DEFAULT_DEPLOYMENT_STATISTICS_MIN_CLIPS = 100;
    /** Clips a person labelled ({@code PUT /results/{key}/label}), as {@code labelled/<label>/<name>}: training data. */
    public static final String DEFAULT_LABELLED_PREFIX = "labelled/";

    @NotBlank
    private String modelPath = DEFAULT_MODEL_PATH;
    @NotBlank
    private String bucket = DEFAULT_BUCKET;
    @NotBlank
    @Pattern(regexp = ".*/", message = "must end with /")
    private String uploadPrefix = DEFAULT_UPLOAD_PREFIX;
    @NotBlank
    @Pattern(regexp = ".*/", message = "must end with /")
    private String resultPrefix = DEFAULT_RESULT_PREFIX;
    @NotBlank
    @Pattern(regexp = ".*/", message = "must end with /")
    private String labelledPrefix = DEFAULT_LABELLED_PREFIX;
    @Positive
    private long maxRequestBytes = DEFAULT_MAX_REQUEST_BYTES;
    @Positive
    private long maxUploadBytes = AudioLimits.DEFAULT_MAX_BYTES;
    @Positive
    private double maxDurationSeconds = AudioLimits.DEFAULT_MAX_DURATION_SECONDS;
    @NotNull
    private Duration presignTtl = Duration.ofMinutes(5);
    @NotBlank
    private String allowedOrigin = "*";
    @Nullable
    @Pattern(regexp = "(.*/)?", message = "must be empty (off) or end with /")
    private String deploymentStatisticsPrefix;
    @Positive
    private long deploymentStatisticsMinClips = DEFAULT_DEPLOYMENT_STATISTICS_MIN_CLIPS;
    @Nullable
    private URI s3Endpoint;
    private boolean s3PathStyle;
    @Nullable
    private String s3Region;
    private Duration s3AttemptTimeout = Duration.ofSeconds(2);
    private Duration s3CallTimeout = Duration.ofSeconds(4);
    private Duration s3TransferTimeout = Duration.ofSeconds(60);
    /** Two clips of the longest length: a burst of long clips waits its turn instead of exhausting the heap. */
    private double maxAudioSecondsInFlight = 2 * AudioLimits.DEFAULT_MAX_DURATION_SECONDS;

    /** Model artifact written by {@code ser train}; in Lambda the layer puts it under /opt. */
    public String getModelPath() {
        return modelPath;
    }

    public void setModelPath(String modelPath) {
        this.modelPath = modelPath;
    }

    /** Clip bucket the API presigns uploads into and reads results from. */
    public String getBucket() {
        return bucket;
    }

    public void setBucket(String bucket) {
        this.bucket = bucket;
    }

    /** Objects created under this prefix trigger the tagging function. */
    public String getUploadPrefix() {
        return uploadPrefix;
    }

    public void setUploadPrefix(String uploadPrefix) {
        this.uploadPrefix = uploadPrefix;
    }

    /** Result JSON goes here, outside the upload prefix, so writing it never triggers the function again. */
    public String getResultPrefix() {
        return resultPrefix;
    }

    public void setResultPrefix(String resultPrefix) {
        this.resultPrefix = resultPrefix;
    }

    /** Where corrected clips are copied, one folder per label. */
    public String getLabelledPrefix() {
        return labelledPrefix;
    }

    public void setLabelledPrefix(String labelledPrefix) {
        this.labelledPrefix = labelledPrefix;
    }

    /** Largest clip accepted in a synchronous {@code POST /predict}; larger clips go through {@code /uploads}. */
    public long getMaxRequestBytes() {
        return maxRequestBytes;
    }

    public void setMaxRequestBytes(long maxRequestBytes) {
        this.maxRequestBytes = maxRequestBytes;
    }

    /** Largest object the tagging function downloads and analyses. */
    public long getMaxUploadBytes() {
        return maxUploadBytes;
    }

    public void setMaxUploadBytes(long maxUploadBytes) {
        this.maxUploadBytes = maxUploadBytes;
    }

    /** Longest clip analysed, anywhere. */
    public double getMaxDurationSeconds() {
        return maxDurationSeconds;
    }

    public void setMaxDurationSeconds(double maxDurationSeconds) {
        this.maxDurationSeconds = maxDurationSeconds;
    }

    /** How long a presigned upload URL stays valid: long enough to start the PUT, which S3 then lets finish. */
    public Duration getPresignTtl() {
        return presignTtl;
    }

    public void setPresignTtl(Duration presignTtl) {
        this.presignTtl = presignTtl;
    }

    /**
     * Where the deployment keeps the feature moments of the clips it analysed, in the clip bucket (e.g.
     * {@code stats/}); null or empty for off, the default. See {@link BucketDeploymentStatistics}.
     */
    @Nullable
    public String getDeploymentStatisticsPrefix() {
        return deploymentStatisticsPrefix;
    }

    public void setDeploymentStatisticsPrefix(@Nullable String deploymentStatisticsPrefix) {
        this.deploymentStatisticsPrefix = deploymentStatisticsPrefix;
    }

    /** How many clips the deployment must have analysed before it aligns clips with their moments. */
    public long getDeploymentStatisticsMinClips() {
        return deploymentStatisticsMinClips;
    }

    public void setDeploymentStatisticsMinClips(long deploymentStatisticsMinClips) {
        this.deploymentStatisticsMinClips = deploymentStatisticsMinClips;
    }

    /** The web page's origin, allowed by CORS ({@code *} for any), e.g. {@code https://d111111abcdef8.cloudfront.net}. */
    public String getAllowedOrigin() {
        return allowedOrigin;
    }

    public void setAllowedOrigin(String allowedOrigin) {
        this.allowedOrigin = allowedOrigin;
    }

    /** S3-compatible server to use instead of AWS (the local stack, tests); null for AWS. */
    @Nullable
    public URI getS3Endpoint() {
        return s3Endpoint;
    }

    public void setS3Endpoint(@Nullable URI s3Endpoint) {
        this.s3Endpoint = s3Endpoint;
    }

    /** Path-style URLs ({@code http://host/bucket/key}), which local servers need. */
    public boolean isS3PathStyle() {
        return s3PathStyle;
    }

    public void setS3PathStyle(boolean s3PathStyle) {
        this.s3PathStyle = s3PathStyle;
    }

    /** Region for S3 calls and signatures; null means the SDK's default chain ({@code AWS_REGION} in Lambda). */
    @Nullable
    public String getS3Region() {
        return s3Region;
    }

    public void setS3Region(@Nullable String s3Region) {
        this.s3Region = s3Region;
    }

    /** Longest single S3 request (one attempt); a frozen server fails the attempt, and the SDK retries. */
    public Duration getS3AttemptTimeout() {
        return s3AttemptTimeout;
    }

    public void setS3AttemptTimeout(Duration s3AttemptTimeout) {
        this.s3AttemptTimeout = s3AttemptTimeout;
    }

    /**
     * Longest S3 call, retries included: an API request that needs S3 is answered {@code 503 storage_unavailable}
     * within about this long when S3 is frozen or gone. Downloading a clip ({@link #getS3TransferTimeout()}) is longer.
     */
    public Duration getS3CallTimeout() {
        return s3CallTimeout;
    }

    public void setS3CallTimeout(Duration s3CallTimeout) {
        this.s3CallTimeout = s3CallTimeout;
    }

    /** Longest download of one clip (up to {@link #getMaxUploadBytes()}) by the tagging function, retries included. */
    public Duration getS3TransferTimeout() {
        return s3TransferTimeout;
    }

    public void setS3TransferTimeout(Duration s3TransferTimeout) {
        this.s3TransferTimeout = s3TransferTimeout;
    }

    /**
     * Audio-seconds analysed at once in this process ({@link io.github.ser.AnalysisGate}); clips past it are answered
     * 503 with Retry-After (API) or retried (tagging).
     */
    public double getMaxAudioSecondsInFlight() {
        return maxAudioSecondsInFlight;
    }

    public void setMaxAudioSecondsInFlight(double maxAudioSecondsInFlight) {
        this.maxAudioSecondsInFlight = maxAudioSecondsInFlight;
    }

    /** The result object for an uploaded clip: {@code uploads/a/b.wav} becomes {@code results/a/b.wav.json}. */
    public String resultKey(String clipKey) {
        return resultPrefix + name(clipKey) + ".json";
    }

    /** Where a clip labelled {@code label} is copied: {@code uploads/a/b.wav} becomes {@code labelled/sad/a/b.wav}. */
    public String labelledKey(String clipKey, String label) {
        return labelledPrefix + label + "/" + name(clipKey);
    }

    private String name(String clipKey) {
        return clipKey.startsWith(uploadPrefix) ? clipKey.substring(uploadPrefix.length()) : clipKey;
    }

    /** Accepts a clip key with or without the upload prefix, as the API's callers may send either. */
    public String uploadKey(String key) {
        return key.startsWith(uploadPrefix) ? key : uploadPrefix + key;
    }
}
