package io.github.ser.cli;

import io.github.ser.audio.AudioErrorCode;
import io.github.ser.audio.AudioException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads a file the CLI was handed, never more than a limit: a regular file's size is checked before anything is
 * read, and anything else (a device such as /dev/zero, a pipe) is read only up to one byte past the limit. A pipe
 * or FIFO that gives nothing for {@code idle} (a FIFO nobody writes to blocks even its opening) is given up on,
 * so a batch never hangs on one file.
 */
final class BoundedFile {
    private BoundedFile() {
    }

    /** @throws AudioException {@code too_large} above {@code maxBytes}, before more than that is read */
    static byte[] read(Path file, long maxBytes, Duration idle) throws IOException, AudioException {
        if (Files.isRegularFile(file)) {
            if (Files.size(file) > maxBytes) {
                throw tooLarge(Files.size(file) + " bytes", maxBytes);
            }
            try (InputStream in = Files.newInputStream(file)) {
                return bounded(in, maxBytes, new AtomicLong());
            }
        }
        return readWatched(file, maxBytes, idle);
    }

    /** Opens and reads on a daemon thread that may block for good; this one waits while bytes keep coming. */
    private static byte[] readWatched(Path file, long maxBytes, Duration idle) throws IOException, AudioException {
        AtomicLong progress = new AtomicLong();
        CompletableFuture<byte[]> reading = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (InputStream in = Files.newInputStream(file)) {
                reading.complete(bounded(in, maxBytes, progress));
            } catch (IOException | AudioException | RuntimeException e) {
                reading.completeExceptionally(e);
            }
        }, "read " + file);
        reader.setDaemon(true);
        reader.start();
        long seen = -1;
        while (true) {
            try {
                return reading.get(idle.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (progress.get() == seen) {
                    throw new IOException("nothing came from it for " + idle.toSeconds() + " s (a pipe or FIFO nobody "
                            + "writes to?)");
                }
                seen = progress.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof AudioException audio) {
                    throw audio;
                }
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                throw new IOException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
    }

    private static byte[] bounded(InputStream in, long maxBytes, AtomicLong progress) throws IOException, AudioException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        long limit = Math.min(Integer.MAX_VALUE - 8, maxBytes + 1);
        int n;
        while (out.size() < limit && (n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - out.size()))) >= 0) {
            out.write(buffer, 0, n);
            progress.addAndGet(n + 1);    // + 1: an empty read is progress too
        }
        if (out.size() > maxBytes) {
            throw tooLarge("more than " + maxBytes + " bytes", maxBytes);
        }
        return out.toByteArray();
    }

    private static AudioException tooLarge(String size, long maxBytes) {
        return new AudioException(AudioErrorCode.TOO_LARGE, "file holds " + size + "; the limit is " + maxBytes + " bytes");
    }
}
