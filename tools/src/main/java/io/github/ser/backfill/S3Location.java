package io.github.ser.backfill;

/**
 * {@code s3://bucket/prefix}, as people type it.
 *
 * @param prefix key prefix, possibly empty (the whole bucket)
 */
public record S3Location(String bucket, String prefix) {

    public static S3Location parse(String url) {
        if (url == null || !url.startsWith("s3://")) {
            throw new IllegalArgumentException("expected s3://BUCKET/PREFIX, got " + url);
        }
        String rest = url.substring("s3://".length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        if (bucket.isEmpty()) {
            throw new IllegalArgumentException("no bucket in " + url);
        }
        return new S3Location(bucket, slash < 0 ? "" : rest.substring(slash + 1));
    }

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + prefix;
    }
}
