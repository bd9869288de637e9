package io.github.ser.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The committed compressed fixtures ({@code src/test/resources/compressed/}, made by the ffmpeg commands in
 * {@code CompressedFormatsTest}) with the Content-Type a browser or phone would send them with; shared through the
 * engine's test jar with the functions' and the CLI's tests.
 */
public final class CompressedClips {
    /** One fixture. */
    public record Clip(String name, String contentType) {
        public byte[] bytes() {
            try (InputStream in = CompressedClips.class.getResourceAsStream("/compressed/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("missing fixture " + name);
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public static final List<Clip> ALL = List.of(
            new Clip("angry-16k-32k.mp3", "audio/mpeg"),
            new Clip("angry-44k-stereo-64k.mp3", "audio/mpeg"),
            new Clip("angry-64k.m4a", "audio/mp4"),
            new Clip("angry-q3.ogg", "audio/ogg"),
            new Clip("angry-24k.opus", "audio/ogg;codecs=opus"),
            new Clip("angry-24k.webm", "audio/webm;codecs=opus"),
            new Clip("angry-24k-live.webm", "audio/webm"),
            new Clip("angry-8k-mulaw.wav", "audio/wav"),
            new Clip("angry-8k-alaw.wav", "audio/wav"));

    private CompressedClips() {
    }
}
