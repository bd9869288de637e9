package io.github.ser.backfill;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The objects under an S3 prefix copied into a local folder, keeping their paths below the prefix
 * ({@code s3://clips/labelled/happy/a.wav} into {@code DIR/happy/a.wav}), so folder layouts read the same from both.
 */
public final class S3Folder {

    private S3Folder() {
    }

    /** Downloads every object under {@code location} into {@code into}; returns how many. */
    public static int download(S3Client s3, S3Location location, Path into) throws IOException {
        String prefix = location.prefix().isEmpty() || location.prefix().endsWith("/") ? location.prefix()
                : location.prefix() + "/";
        List<String> keys = s3.listObjectsV2Paginator(b -> b.bucket(location.bucket()).prefix(prefix)).contents()
                .stream().map(S3Object::key).filter(key -> !key.endsWith("/")).toList();
        Path root = into.toAbsolutePath().normalize();
        for (String key : keys) {
            Path target = root.resolve(key.substring(prefix.length())).normalize();
            if (!target.startsWith(root) || target.equals(root)) { // a key such as a/../../x must not escape
                throw new IOException("s3://" + location.bucket() + "/" + key + ": not a path below " + prefix);
            }
            Files.createDirectories(target.getParent());
            s3.getObject(b -> b.bucket(location.bucket()).key(key), target);
        }
        return keys.size();
    }
}
