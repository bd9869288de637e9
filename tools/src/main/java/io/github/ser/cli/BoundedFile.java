package io.github.ser.cli;

import io.github.ser.audio.AudioErrorCode;
import io.github.ser.audio.AudioException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a file the CLI was handed, never more than a limit: a regular file's size is checked before anything is
 * read, and anything else (a device such as /dev/zero, a pipe) is read only up to one byte past the limit.
 */
final class BoundedFile {
    private BoundedFile() {
    }

    /** @throws AudioException {@code too_large} above {@code maxBytes}, before more than that is read */
    static byte[] read(Path file, long maxBytes) throws IOException, AudioException {
        if (Files.isRegularFile(file) && Files.size(file) > maxBytes) {
            throw tooLarge(Files.size(file) + " bytes", maxBytes);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw tooLarge("more than " + maxBytes + " bytes", maxBytes);
            }
            return bytes;
        }
    }

    private static AudioException tooLarge(String size, long maxBytes) {
        return new AudioException(AudioErrorCode.TOO_LARGE, "file holds " + size + "; the limit is " + maxBytes + " bytes");
    }
}
