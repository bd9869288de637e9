package io.github.ser.training;

import io.github.ser.features.FeatureSet;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UTFDataFormatException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
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
 * (name + version + fingerprint) under the cache folder, keyed by file path, size, modification time and
 * augmentation. A changed file or a new feature-set version simply misses, and so does changed feature code that
 * kept its version: the fingerprint is a digest of the set's output on a fixed synthetic signal (a cache that mixed
 * vectors from two versions of the code was seen once, after some corpora were re-read and others were not).
 * Thread-safe, and safe for several runs at once: each entry is appended whole under a file lock (two runs that
 * appended through their own buffers once interleaved their entries and left the file unreadable).
 */
public final class FeatureCache implements AutoCloseable {

    private final Map<String, double[]> entries = new ConcurrentHashMap<>();
    private final Path file;
    private final int width;
    private FileChannel channel;

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
        FeatureCache cache = new FeatureCache(dir.resolve(featureSet.name() + "-v" + featureSet.version() + "-"
                + fingerprint(featureSet) + ".bin"), featureSet.names().size());
        cache.channel = FileChannel.open(cache.file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        cache.load();
        return cache;
    }

    /** The file this cache reads and appends to (none for {@link #none()}). */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /**
     * Eight hex digits of SHA-256 over the feature names and the features of one second of a fixed signal: a voiced
     * harmonic tone gliding in pitch and loudness, with a little seeded noise, at the set's rate.
     */
    static String fingerprint(FeatureSet featureSet) {
        int rate = featureSet.sampleRate();
        float[] signal = new float[rate];
        java.util.Random noise = new java.util.Random(1);
        double phase = 0;
        for (int i = 0; i < signal.length; i++) {
            double t = i / (double) rate;
            phase += 2 * Math.PI * (120 + 60 * t) / rate;
            double envelope = 0.3 * (0.6 + 0.4 * Math.sin(2 * Math.PI * 3 * t));
            signal[i] = (float) (envelope * (Math.sin(phase) + 0.5 * Math.sin(2 * phase) + 0.25 * Math.sin(3 * phase))
                    + 0.01 * noise.nextGaussian());
        }
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            sha.update(String.join(",", featureSet.names()).getBytes(StandardCharsets.UTF_8));
            java.nio.ByteBuffer values = java.nio.ByteBuffer.allocate(8 * featureSet.names().size());
            for (double v : featureSet.extract(signal, rate)) {
                values.putDouble(v);
            }
            sha.update(values.array());
            return java.util.HexFormat.of().formatHex(sha.digest(), 0, 4);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
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
                ByteArrayOutputStream bytes = new ByteArrayOutputStream(2 + key.length() + 8 * width);
                DataOutputStream entry = new DataOutputStream(bytes);
                entry.writeUTF(key);
                for (double v : row) {
                    entry.writeDouble(v);
                }
                ByteBuffer whole = ByteBuffer.wrap(bytes.toByteArray());
                locked(() -> {
                    long end = channel.size();
                    while (whole.hasRemaining()) {
                        end += channel.write(whole, end);
                    }
                });
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
        if (channel != null) {
            channel.close();
        }
    }

    /**
     * Reads every whole entry; a last entry cut short (a killed run) or bytes that are no entry are cut off, so
     * appends follow whole entries.
     */
    private void load() throws IOException {
        locked(() -> {
            long good = 0;
            // not closed: closing it would close the channel the appends go through
            DataInputStream in = new DataInputStream(new BufferedInputStream(
                    Channels.newInputStream(channel.position(0)), 1 << 16));
            try {
                while (true) {
                    String key = in.readUTF();
                    double[] row = new double[width];
                    for (int i = 0; i < width; i++) {
                        row[i] = in.readDouble();
                    }
                    entries.put(key, row);
                    good += 2 + writtenLength(key) + 8L * width;
                }
            } catch (EOFException | UTFDataFormatException end) {
                if (good < channel.size()) {
                    channel.truncate(good);
                }
            }
        });
    }

    /**
     * The bytes {@link DataOutputStream#writeUTF} wrote for {@code key}: modified UTF-8, which differs from UTF-8 for
     * NUL and for characters outside the BMP (two surrogates of three bytes each), so a cut lands between entries.
     */
    static int writtenLength(String key) {
        int bytes = 0;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            bytes += c >= 0x0001 && c <= 0x007F ? 1 : c <= 0x07FF ? 2 : 3;
        }
        return bytes;
    }

    private interface FileWork {
        void run() throws IOException;
    }

    /** {@code work} holding the file's lock against other runs (and other caches of the file in this JVM). */
    private void locked(FileWork work) throws IOException {
        // the JVM refuses overlapping locks of its own, so caches of one file in one JVM take turns first
        synchronized (FeatureCache.class) {
            try (FileLock lock = channel.lock()) {
                work.run();
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
