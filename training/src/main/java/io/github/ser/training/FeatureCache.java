package io.github.ser.training;

import io.github.ser.features.FeatureSet;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Feature vectors already computed, so a repeated experiment costs seconds: one append-only file per feature set
 * (name + version) under the cache folder, keyed by file path, size, modification time and augmentation. A changed
 * file or a new feature-set version simply misses. Thread-safe.
 */
public final class FeatureCache implements AutoCloseable {

    private final Map<String, double[]> entries = new ConcurrentHashMap<>();
    private final Path file;
    private final int width;
    private DataOutputStream out;

    private FeatureCache(Path file, int width) {
        this.file = file;
        this.width = width;
    }

    /** A cache that holds nothing and keeps nothing. */
    public static FeatureCache none() {
        return new FeatureCache(null, 0);
    }

    /** Opens (or starts) the cache of {@code featureSet} under {@code dir}. */
    public static FeatureCache open(Path dir, FeatureSet featureSet) throws IOException {
        Files.createDirectories(dir);
        FeatureCache cache = new FeatureCache(dir.resolve(featureSet.name() + "-v" + featureSet.version() + ".bin"),
                featureSet.names().size());
        cache.load();
        cache.out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(cache.file,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND)));
        return cache;
    }

    public Optional<double[]> get(LabeledClip clip) {
        return file == null ? Optional.empty() : Optional.ofNullable(entries.get(key(clip)));
    }

    public synchronized void put(LabeledClip clip, double[] row) {
        if (file == null || row.length != width) {
            return;
        }
        String key = key(clip);
        if (entries.putIfAbsent(key, row) == null) {
            try {
                out.writeUTF(key);
                for (double v : row) {
                    out.writeDouble(v);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the feature cache " + file, e);
            }
        }
    }

    public int size() {
        return entries.size();
    }

    @Override
    public synchronized void close() throws IOException {
        if (out != null) {
            out.close();
        }
    }

    private void load() throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        long good = 0;
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            while (true) {
                String key = in.readUTF();
                double[] row = new double[width];
                for (int i = 0; i < width; i++) {
                    row[i] = in.readDouble();
                }
                entries.put(key, row);
                good += 2 + key.getBytes(StandardCharsets.UTF_8).length + 8L * width;
            }
        } catch (EOFException e) {
            // the end, or a last entry cut short by a killed run: cut it off, so appends follow whole entries
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.truncate(good);
            }
        }
    }

    private static String key(LabeledClip clip) {
        try {
            BasicFileAttributes a = Files.readAttributes(clip.file(), BasicFileAttributes.class);
            return clip.file().toAbsolutePath().normalize() + "|" + a.size() + "|" + a.lastModifiedTime().toMillis()
                    + "|" + clip.augmentation().spec();
        } catch (IOException e) {
            return clip.file().toAbsolutePath() + "|missing|" + clip.augmentation().spec();
        }
    }
}
