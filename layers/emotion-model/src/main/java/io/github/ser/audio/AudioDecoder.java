package io.github.ser.audio;

/**
 * Bytes to mono float32, at the native rate or resampled while decoding to a target rate. The container is
 * recognised from the bytes, never from a file name: RIFF/RIFX/RF64 WAVE (PCM, float, G.711), FORM AIFF/AIFC, fLaC
 * (also behind an ID3v2 tag), MP3 (Layer III frames, after any ID3v2 tag), MP4/M4A with AAC (an {@code ftyp} box),
 * Ogg with Opus or Vorbis, and WebM/Matroska with Opus. Every reader pushes its samples through one
 * {@link StreamingResampler}, which enforces the duration limit while decoding (for formats without a length in
 * their header) and the decompression bound.
 *
 * <p>Every failure is an {@link AudioException} with a stable code: EMPTY for no bytes or a well-formed file with
 * no samples; UNSUPPORTED_FORMAT for other containers and for encodings we do not decode; CORRUPT_AUDIO for
 * truncated headers, lying sizes and impossible fields (and for a header promising samples that are missing);
 * TOO_LARGE / TOO_LONG against the {@link AudioLimits}, checked before sample arrays are allocated (and TOO_LONG again as samples
 * are decoded, for streams that declare no length). Truncated sample
 * data is not an error: the whole frames present are decoded, as players do. Running out of
 * memory is not the clip's fault and is not turned into a code: it propagates for the caller to answer as its own trouble.
 */
public final class AudioDecoder {
    private static final String SEND = "; send WAV, AIFF, FLAC, MP3, M4A (AAC), Ogg (Vorbis, Opus) or WebM (Opus)";
    private static final String[] MAGICS = {"RIFF", "RIFX", "RF64", "BW64", "FORM", "fLaC", "ID3", "OggS"};

    /** For {@link #decode(byte[], int)}: keep the source's rate. */
    public static final int NATIVE_RATE = 0;

    private final AudioLimits limits;

    public AudioDecoder(AudioLimits limits) {
        this.limits = limits;
    }

    /** Mono at the source's own rate. */
    public AudioClip decode(byte[] bytes) throws AudioException {
        return decode(bytes, NATIVE_RATE);
    }

    /**
     * Mono at {@code targetRate}, resampled block by block while decoding: memory and work after the decoder scale
     * with the clip's duration at the target rate, whatever rate the input has.
     *
     * @param targetRate samples per second of the result, or {@link #NATIVE_RATE} for the source's rate
     */
    public AudioClip decode(byte[] bytes, int targetRate) throws AudioException {
        if (targetRate < 0) {
            throw new IllegalArgumentException("target rate must be positive: " + targetRate);
        }
        if (bytes == null || bytes.length == 0) {
            throw new AudioException(AudioErrorCode.EMPTY, "no audio bytes received");
        }
        if (bytes.length > limits.maxBytes()) {
            throw new AudioException(AudioErrorCode.TOO_LARGE,
                    "clip is " + bytes.length + " bytes; the limit is " + limits.maxBytes());
        }
        try {
            return decodeContainer(bytes, targetRate);
        } catch (RuntimeException e) {
            // the readers check every size they use; this is the backstop for hostile bytes that slip past them
            throw new AudioException(AudioErrorCode.CORRUPT_AUDIO, "audio data is corrupt and cannot be parsed", e);
        }
    }

    private AudioClip decodeContainer(byte[] bytes, int targetRate) throws AudioException {
        if (ChunkIds.matches(bytes, 0, "RIFF") || ChunkIds.matches(bytes, 0, "RIFX")
                || ChunkIds.matches(bytes, 0, "RF64") || ChunkIds.matches(bytes, 0, "BW64")) {
            requireType(bytes, "WAVE");
            return WavReader.read(bytes, limits, targetRate);
        }
        if (ChunkIds.matches(bytes, 0, "FORM")) {
            if (!ChunkIds.matches(bytes, 8, "AIFC")) {
                requireType(bytes, "AIFF");
            }
            return AiffReader.read(bytes, limits, targetRate);
        }
        int start = afterId3Tags(bytes);
        if (ChunkIds.matches(bytes, start, "fLaC")) {
            return FlacReader.read(bytes, start, limits, targetRate);
        }
        if (ChunkIds.matches(bytes, 0, "OggS")) {
            return OggReader.read(bytes, limits, targetRate);
        }
        if (WebmReader.matches(bytes)) {
            return WebmReader.read(bytes, limits, targetRate);
        }
        if (ChunkIds.matches(bytes, 4, "ftyp")) {
            return Mp4AudioReader.read(bytes, limits, targetRate);
        }
        if (Mp3Reader.frameLength(bytes, start) > 0) {
            return Mp3Reader.read(bytes, start, limits, targetRate);
        }
        if (bytes.length < 12 && isPrefixOfMagic(bytes)) {
            throw new AudioException(AudioErrorCode.CORRUPT_AUDIO, "audio header is truncated (" + bytes.length + " bytes)");
        }
        String seen = ForeignFormat.name(bytes, start, start > 0);
        throw new AudioException(AudioErrorCode.UNSUPPORTED_FORMAT, (seen == null
                ? "unrecognised audio format" : "looks like " + seen) + SEND);
    }

    /** A RIFF or IFF file of another type (AVI, WebP, 8SVX...) is not ours; a too-short one is a truncated header. */
    private static void requireType(byte[] bytes, String type) throws AudioException {
        if (bytes.length < 12) {
            throw new AudioException(AudioErrorCode.CORRUPT_AUDIO, "audio header is truncated (" + bytes.length + " bytes)");
        }
        if (!ChunkIds.matches(bytes, 8, type)) {
            throw new AudioException(AudioErrorCode.UNSUPPORTED_FORMAT, "looks like a " + ChunkIds.read(bytes, 0)
                    + " container of type '" + ChunkIds.read(bytes, 8) + "', not audio we read" + SEND);
        }
    }

    /** Offset just past any ID3v2 tags (some taggers put one before FLAC's marker); 0 when there are none. */
    private static int afterId3Tags(byte[] b) {
        int pos = 0;
        while (ChunkIds.matches(b, pos, "ID3") && pos <= b.length - 10) {
            int size = ((b[pos + 6] & 0x7f) << 21) | ((b[pos + 7] & 0x7f) << 14) | ((b[pos + 8] & 0x7f) << 7) | (b[pos + 9] & 0x7f);
            boolean footer = (b[pos + 5] & 0x10) != 0;
            pos += 10 + size + (footer ? 10 : 0);
        }
        return Math.min(pos, b.length);
    }

    private static boolean isPrefixOfMagic(byte[] bytes) {
        for (String magic : MAGICS) {
            int n = Math.min(bytes.length, magic.length());
            if (ChunkIds.matches(bytes, 0, magic.substring(0, n))) {
                return true;
            }
        }
        return false;
    }
}
