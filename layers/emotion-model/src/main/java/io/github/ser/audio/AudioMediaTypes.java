package io.github.ser.audio;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The media types of what {@link AudioDecoder} reads, with the file extension for each: the allowlist for anything
 * that names a clip's type to someone else (the presigned upload's signed Content-Type). A decoder for a new
 * container adds its types here. {@code application/octet-stream} is there for files whose type the browser does
 * not know: the decoder recognises the format from the bytes, never from the type.
 */
public final class AudioMediaTypes {
    private static final Map<String, String> EXTENSIONS = new LinkedHashMap<>();

    static {
        for (String type : new String[]{"audio/wav", "audio/x-wav", "audio/wave", "audio/vnd.wave"}) {
            EXTENSIONS.put(type, ".wav");
        }
        EXTENSIONS.put("audio/flac", ".flac");
        EXTENSIONS.put("audio/x-flac", ".flac");
        EXTENSIONS.put("audio/aiff", ".aiff");
        EXTENSIONS.put("audio/x-aiff", ".aiff");
        // the compressed formats (docs/formats.md): what phones and MediaRecorder produce
        EXTENSIONS.put("audio/mpeg", ".mp3");
        EXTENSIONS.put("audio/mp3", ".mp3");
        EXTENSIONS.put("audio/mp4", ".m4a");
        EXTENSIONS.put("audio/x-m4a", ".m4a");
        EXTENSIONS.put("audio/aac", ".m4a");
        EXTENSIONS.put("audio/ogg", ".ogg");
        EXTENSIONS.put("audio/opus", ".opus");
        EXTENSIONS.put("audio/webm", ".webm");
        // MediaRecorder's own types, sent as they are (the type is signed, so it must match exactly)
        EXTENSIONS.put("audio/webm;codecs=opus", ".webm");
        EXTENSIONS.put("audio/ogg;codecs=opus", ".opus");
        EXTENSIONS.put("application/octet-stream", ".wav");
    }

    private AudioMediaTypes() {
    }

    /**
     * The allowed type exactly as it should be signed (lower case; no parameters but MediaRecorder's
     * {@code ;codecs=opus}), or empty when {@code type} is not
     * one the decoders read; anything else (parameters, spaces, control characters) is refused, not repaired.
     */
    public static Optional<String> allowed(String type) {
        String normalised = type.toLowerCase(Locale.ROOT);
        return EXTENSIONS.containsKey(normalised) ? Optional.of(normalised) : Optional.empty();
    }

    /** File extension for an allowed type, {@code .wav} otherwise. */
    public static String extension(String type) {
        return EXTENSIONS.getOrDefault(type, ".wav");
    }

    /** File extensions the decoders read, for keys named after a client's file name. */
    public static Iterable<String> extensions() {
        return java.util.List.of(".wav", ".flac", ".aiff", ".aif", ".mp3", ".m4a", ".mp4", ".ogg", ".opus", ".webm");
    }

    /** The allowed types, for error messages and docs. */
    public static java.util.Set<String> all() {
        return java.util.Collections.unmodifiableSet(EXTENSIONS.keySet());
    }
}
