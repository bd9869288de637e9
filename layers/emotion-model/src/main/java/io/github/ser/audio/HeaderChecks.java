package io.github.ser.audio;

/**
 * Sanity rules every container reader applies to what its header claims, before any sample array is allocated,
 * so that lying or hostile headers fail with a typed error instead of exhausting memory.
 */
final class HeaderChecks {
    static final int MIN_RATE = 8_000;
    static final int MAX_RATE = 192_000;
    /** Rates outside this band are not audio at all: the header is garbage rather than merely unusual. */
    private static final int MIN_PLAUSIBLE_RATE = 1_000;
    private static final int MAX_PLAUSIBLE_RATE = 768_000;

    private HeaderChecks() {
    }

    static void rate(double rate, String format) throws AudioException {
        if (!(rate >= MIN_PLAUSIBLE_RATE && rate <= MAX_PLAUSIBLE_RATE)) {
            throw new AudioException(AudioErrorCode.CORRUPT_AUDIO,
                    format + " header gives an impossible sample rate (" + hertz(rate) + ")");
        }
        if (rate < MIN_RATE || rate > MAX_RATE) {
            throw new AudioException(AudioErrorCode.UNSUPPORTED_FORMAT, format + " sample rate " + hertz(rate)
                    + " is outside the supported " + MIN_RATE + "-" + MAX_RATE + " Hz");
        }
    }

    private static String hertz(double rate) {
        return (rate == Math.rint(rate) && Math.abs(rate) < 1e15 ? String.valueOf((long) rate) : String.valueOf(rate)) + " Hz";
    }

    static void channels(int channels, String format) throws AudioException {
        if (channels <= 0) {
            throw new AudioException(AudioErrorCode.CORRUPT_AUDIO, format + " header gives " + channels + " channels");
        }
    }

    static void bits(int bits, String format) throws AudioException {
        if (bits <= 0) {
            throw new AudioException(AudioErrorCode.CORRUPT_AUDIO, format + " header gives " + bits + " bits per sample");
        }
    }

    /**
     * Most frames a losslessly compressed stream (FLAC) may decode to per encoded byte: 1 bit per sample, which only
     * long runs of digital silence go below (a lossless recording of a real microphone needs several bits); it also
     * bounds the cost of a small request (100 KB: at most 50 s at 16 kHz). A small file that claims more is a
     * decompression bomb: refused before it costs anything, and checked again as frames are decoded.
     */
    static final int MAX_FRAMES_PER_BYTE = 8;

    /**
     * The lowest bitrate a lossy stream (MP3, AAC, Opus, Vorbis) is taken to have, container included. A lossy
     * codec's samples per byte depend on the rate it is decoded at, so its bound is in seconds per byte, not FLAC's 8
     * frames per byte, which would refuse ordinary 16-32 kbit/s voice. The floor is set by cost, not by the codecs:
     * analysis costs 4.5-7 ms of CPU per second of audio with the shipped model (decode and features), so 100 KB
     * must not hold much more than 67 s to stay within the 0.5 s per 100 KB bound; measured (HostileInputCostTest's
     * harness, 2-core Xeon): 97 KB of 8 kbit/s Opus (112 s) cost 541 ms, of 6 kbit/s (127 s) 544-796 ms; 98 KB at
     * 14 kbit/s (64 s, the most this floor admits) 256-322 ms. Voice notes are 16 kbit/s and more (WhatsApp, Telegram, browsers' MediaRecorder); lossy
     * audio below 12 kbit/s is refused as {@code corrupt_audio}, with the floor in the message. The bound also stops
     * bombs (Ogg pages of 1-byte Opus packets, 120 ms each).
     */
    static final int MIN_LOSSY_BITS_PER_SECOND = 12_000;

    /** The most frames {@code encodedBytes} of lossless compressed audio may decode to. */
    static long maxFrames(long encodedBytes) {
        return Math.max(1, encodedBytes) * MAX_FRAMES_PER_BYTE;
    }

    /**
     * The most channels a lossy stream may have: voice is mono or stereo, and 7.1 is the most any of our codecs maps to
     * speakers. Vorbis allows 255, and its decoder's work grows with every one (51 KB of 255-channel silence cost 4.9 s
     * of CPU), so more is refused from the identification header, before the decoder is set up.
     */
    static final int MAX_LOSSY_CHANNELS = 8;

    static void lossyChannels(int channels, String format) throws AudioException {
        channels(channels, format);
        if (channels > MAX_LOSSY_CHANNELS) {
            throw new AudioException(AudioErrorCode.UNSUPPORTED_FORMAT, format + " stream has " + channels
                    + " channels; compressed audio of at most " + MAX_LOSSY_CHANNELS + " channels is decoded (voice is"
                    + " mono or stereo)");
        }
    }

    /**
     * The most frames {@code encodedBytes} of a lossy stream of {@code channels} decoded at {@code rate} may decode to.
     * Decoding costs a little for every sample of every channel, analysis much more for every frame: mono and stereo
     * get the whole {@link #MIN_LOSSY_BITS_PER_SECOND} floor, and beyond two channels the frames allowed shrink in
     * proportion (6 kbit/s a channel: 8 channels must carry 48 kbit/s), so the samples decoded stay within what 100 KB
     * of stereo may hold, whatever the channel count.
     */
    static long maxLossyFrames(long encodedBytes, int rate, int channels) {
        return Math.max(1, encodedBytes) * 8L * rate / MIN_LOSSY_BITS_PER_SECOND * 2 / Math.max(2, channels);
    }

    static void expansion(long frames, long encodedBytes, String format) throws AudioException {
        if (frames > maxFrames(encodedBytes)) {
            throw expansionError(format);
        }
    }

    static AudioException expansionError(String format) {
        return new AudioException(AudioErrorCode.CORRUPT_AUDIO, format + " stream expands to more samples per encoded"
                + " byte than we accept (FLAC: " + MAX_FRAMES_PER_BYTE + "; MP3, AAC, Vorbis, Opus: what "
                + MIN_LOSSY_BITS_PER_SECOND / 1000 + " kbit/s holds, and 6 kbit/s more for each channel beyond two), as a"
                + " decompression bomb does; voice encoded "
                + "below " + MIN_LOSSY_BITS_PER_SECOND / 1000 + " kbit/s is refused too");
    }

    /** Duration known from the header, checked before decoding so a huge clip is refused cheaply. */
    static void duration(long frames, int rate, AudioLimits limits) throws AudioException {
        double seconds = frames / (double) rate;
        if (seconds > limits.maxDurationSeconds()) {
            throw new AudioException(AudioErrorCode.TOO_LONG, String.format(java.util.Locale.ROOT,
                    "clip lasts %.1f s; the limit is %.1f s", seconds, limits.maxDurationSeconds()));
        }
    }

    /**
     * No frames at all: a well-formed file that says it holds no audio is EMPTY; a file whose header promises audio
     * that is not there is CORRUPT_AUDIO (truncated).
     */
    static void someFrames(long framesPresent, boolean headerPromisedAudio, String format) throws AudioException {
        if (framesPresent > 0) {
            return;
        }
        if (headerPromisedAudio) {
            throw new AudioException(AudioErrorCode.CORRUPT_AUDIO, format + " file is truncated: no complete sample frame");
        }
        throw new AudioException(AudioErrorCode.EMPTY, format + " file holds no audio samples");
    }
}
