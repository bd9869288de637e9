package io.github.ser.local;

import io.github.ser.function.testing.RepoFiles;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * The README's picture, {@code web/screenshot.png}: a browser test takes it from the real page and the shipped model,
 * and writes it over the committed one only when asked ({@code -Dser.updateScreenshot=true}). The model version it
 * shows is stored in the PNG itself (a {@code tEXt} chunk, {@value #KEY}), so the test can tell when the committed
 * picture shows a model that is no longer shipped.
 */
final class ReadmeScreenshot {
    static final Path FILE = RepoFiles.root().resolve("web/screenshot.png");
    static final String KEY = "ser-model";
    static final String HOW_TO_UPDATE = "mvn -o -pl tools -am test -Dser.fuzz.skip=true -Dtest=LiveTimelineBrowserTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Dser.updateScreenshot=true";

    private static final int SIGNATURE = 8;

    private ReadmeScreenshot() {
    }

    static boolean updateRequested() {
        return Boolean.getBoolean("ser.updateScreenshot");
    }

    /** Writes {@code png} with the model version in a {@code tEXt} chunk right after the header chunk. */
    static void write(Path file, byte[] png, String model) throws IOException {
        int afterHeader = SIGNATURE + 8 + ByteBuffer.wrap(png, SIGNATURE, 4).getInt() + 4;
        byte[] data = (KEY + "\0" + model).getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer chunk = ByteBuffer.allocate(12 + data.length);
        chunk.putInt(data.length).put("tEXt".getBytes(StandardCharsets.US_ASCII)).put(data);
        CRC32 crc = new CRC32();
        crc.update(chunk.array(), 4, 4 + data.length);
        chunk.putInt((int) crc.getValue());
        ByteArrayOutputStream out = new ByteArrayOutputStream(png.length + chunk.capacity());
        out.write(png, 0, afterHeader);
        out.write(chunk.array());
        out.write(png, afterHeader, png.length - afterHeader);
        Files.write(file, out.toByteArray());
    }

    /** The model version recorded in {@code file}, if any. */
    static Optional<String> modelOf(Path file) throws IOException {
        byte[] png = Files.readAllBytes(file);
        int at = SIGNATURE;
        while (at + 8 <= png.length) {
            int length = ByteBuffer.wrap(png, at, 4).getInt();
            String type = new String(png, at + 4, 4, StandardCharsets.US_ASCII);
            if (type.equals("tEXt")) {
                String text = new String(png, at + 8, length, StandardCharsets.ISO_8859_1);
                if (text.startsWith(KEY + "\0")) {
                    return Optional.of(text.substring(KEY.length() + 1));
                }
            }
            if (type.equals("IEND")) {
                break;
            }
            at += 12 + length;
        }
        return Optional.empty();
    }
}
