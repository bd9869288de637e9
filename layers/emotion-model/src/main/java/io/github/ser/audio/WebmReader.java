package io.github.ser.audio;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Opus in WebM/Matroska (Chrome's and Firefox's MediaRecorder, WhatsApp/Telegram web voice notes). A small EBML
 * walk of our own: JCodec's Matroska demuxer fails on audio-only files and prints to stderr. It handles what
 * recorders write, including the "unknown size" segments and clusters of live recordings: master elements are
 * entered rather than skipped, so their size is never needed. The first Opus audio track is decoded; its
 * {@code CodecPrivate} is the OpusHead. A declared duration is checked before decoding, and the limit is enforced
 * while decoding too, since live recordings declare none.
 */
final class WebmReader {
    private static final int EBML = 0x1A45DFA3;
    private static final int SEGMENT = 0x18538067;
    private static final int INFO = 0x1549A966;
    private static final int TIMECODE_SCALE = 0x2AD7B1;
    private static final int DURATION = 0x4489;
    private static final int TRACKS = 0x1654AE6B;
    private static final int TRACK_ENTRY = 0xAE;
    private static final int TRACK_NUMBER = 0xD7;
    private static final int TRACK_TYPE = 0x83;
    private static final int CODEC_ID = 0x86;
    private static final int CODEC_PRIVATE = 0x63A2;
    private static final int CLUSTER = 0x1F43B675;
    private static final int BLOCK_GROUP = 0xA0;
    private static final int BLOCK = 0xA1;
    private static final int SIMPLE_BLOCK = 0xA3;
    private static final int AUDIO_TRACK = 2;
    private static final long UNKNOWN = -1;

    private WebmReader() {
    }

    static boolean matches(byte[] b) {
        return b.length >= 4 && ByteBuffer.wrap(b).getInt(0) == EBML;
    }

    static AudioClip read(byte[] bytes, AudioLimits limits, int targetRate) throws AudioException {
        Cursor in = new Cursor(bytes);
        long timecodeScale = 1_000_000;
        double duration = -1;
        long opusTrack = -1;
        OpusPackets opus = null;
        boolean sawBlock = false;
        while (in.pos < bytes.length) {
            int id = in.id();
            long size = in.size();
            int body = in.pos;
            switch (id) {
                case SEGMENT, CLUSTER, BLOCK_GROUP, TRACKS, INFO -> {
                    continue;     // masters: walk into them
                }
                case TIMECODE_SCALE -> timecodeScale = in.unsigned(body, known(size));
                case DURATION -> duration = in.floating(body, known(size));
                case TRACK_ENTRY -> {
                    Track track = Track.parse(in, body, known(size));
                    if (opus == null && track.type == AUDIO_TRACK) {
                        if (!"A_OPUS".equals(track.codec)) {
                            throw new AudioException(AudioErrorCode.UNSUPPORTED_FORMAT, "WebM audio codec " + track.codec
                                    + " is not supported; Opus is");
                        }
                        if (duration > 0) {
                            HeaderChecks.duration(Math.round(duration * timecodeScale / 1e6), 1000, limits);
                        }
                        opus = OpusPackets.fromHead(track.codecPrivate, limits, targetRate, bytes.length, "webm");
                        opusTrack = track.number;
                    }
                }
                case SIMPLE_BLOCK, BLOCK -> {
                    int end = body + (int) known(size);
                    if (opus != null && in.vintAt(body) == opusTrack) {
                        sawBlock = true;
                        int frame = in.pos + 3;    // after the track number: 16-bit timecode, flags
                        int flags = bytes[frame - 1] & 0xff;
                        if ((flags & 0x06) != 0) {
                            throw new AudioException(AudioErrorCode.UNSUPPORTED_FORMAT, "WebM laced Opus blocks are not supported");
                        }
                        opus.decode(bytes, frame, end - frame);
                    }
                }
                default -> {
                }
            }
            in.pos = body + (int) known(size);
        }
        if (opus == null) {
            throw new AudioException(AudioErrorCode.UNSUPPORTED_FORMAT, "WebM file has no audio track");
        }
        if (!sawBlock) {
            throw new AudioException(AudioErrorCode.EMPTY, "WebM audio track holds no blocks");
        }
        return opus.clip();
    }

    private static long known(long size) throws AudioException {
        if (size == UNKNOWN) {
            throw new AudioException(AudioErrorCode.CORRUPT_AUDIO, "WebM element of unknown size where a size is needed");
        }
        return size;
    }

    /** One TrackEntry's fields that matter here. */
    private record Track(long number, long type, String codec, byte[] codecPrivate) {
        static Track parse(Cursor in, int body, long size) throws AudioException {
            long number = -1;
            long type = -1;
            String codec = "";
            byte[] codecPrivate = new byte[0];
            int end = body + (int) size;
            in.pos = body;
            while (in.pos < end) {
                int id = in.id();
                long length = known(in.size());
                int at = in.pos;
                in.require(at, length);
                switch (id) {
                    case TRACK_NUMBER -> number = in.unsigned(at, length);
                    case TRACK_TYPE -> type = in.unsigned(at, length);
                    case CODEC_ID -> codec = new String(in.bytes, at, (int) length, StandardCharsets.US_ASCII).trim();
                    case CODEC_PRIVATE -> codecPrivate = java.util.Arrays.copyOfRange(in.bytes, at, at + (int) length);
                    default -> {
                    }
                }
                in.pos = at + (int) length;
            }
            return new Track(number, type, codec, codecPrivate);
        }
    }

    /** EBML variable-length integers over the file's bytes, bounds-checked. */
    private static final class Cursor {
        final byte[] bytes;
        int pos;

        Cursor(byte[] bytes) {
            this.bytes = bytes;
        }

        /** An element id, marker bits kept (1 to 4 bytes). */
        int id() throws AudioException {
            int first = byteAt(pos) & 0xff;
            int length = Integer.numberOfLeadingZeros(first) - 23;
            if (first == 0 || length > 4) {
                throw corrupt("invalid element id at byte " + pos);
            }
            int id = 0;
            for (int i = 0; i < length; i++) {
                id = (id << 8) | (byteAt(pos + i) & 0xff);
            }
            pos += length;
            return id;
        }

        /** An element size, marker removed; {@link #UNKNOWN} for the all-ones "unknown size". */
        long size() throws AudioException {
            int first = byteAt(pos) & 0xff;
            int length = Integer.numberOfLeadingZeros(first) - 23;
            if (first == 0) {
                throw corrupt("invalid element size at byte " + pos);
            }
            long value = first & (0xff >> length);
            boolean allOnes = value == (0xff >> length);
            for (int i = 1; i < length; i++) {
                int next = byteAt(pos + i) & 0xff;
                allOnes &= next == 0xff;
                value = (value << 8) | next;
            }
            pos += length;
            if (allOnes) {
                return UNKNOWN;
            }
            if (value > bytes.length - pos) {
                // a recorder stopped mid-write: the last element is cut; keep what is there, as players do
                return bytes.length - pos;
            }
            return value;
        }

        /** The track-number vint at the start of a block; leaves {@link #pos} just after it. */
        long vintAt(int at) throws AudioException {
            pos = at;
            long value = size();
            return value;
        }

        long unsigned(int at, long length) throws AudioException {
            require(at, length);
            if (length > 8) {
                throw corrupt("integer element of " + length + " bytes");
            }
            long value = 0;
            for (int i = 0; i < length; i++) {
                value = (value << 8) | (bytes[at + i] & 0xff);
            }
            return value;
        }

        double floating(int at, long length) throws AudioException {
            require(at, length);
            ByteBuffer b = ByteBuffer.wrap(bytes);
            if (length == 4) {
                return b.getFloat(at);
            }
            if (length == 8) {
                return b.getDouble(at);
            }
            throw corrupt("float element of " + length + " bytes");
        }

        void require(int at, long length) throws AudioException {
            if (length < 0 || at + length > bytes.length) {
                throw corrupt("element at byte " + at + " runs past the end");
            }
        }

        private byte byteAt(int at) throws AudioException {
            if (at >= bytes.length) {
                throw corrupt("file ends inside an element header");
            }
            return bytes[at];
        }

        private static AudioException corrupt(String message) {
            return new AudioException(AudioErrorCode.CORRUPT_AUDIO, String.format(Locale.ROOT, "WebM %s", message));
        }
    }
}
