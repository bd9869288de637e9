package io.github.ser.audio;

import org.jcodec.codecs.mpa.Mp3Decoder;
import org.jcodec.common.model.AudioBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * MPEG-1/2/2.5 Layer III. Frames are found by their headers (which give each frame's length), skipping ID3v2 tags
 * before and junk between them, and decoded one by one by JCodec's {@link Mp3Decoder}, which keeps the bit reservoir
 * across frames. MP3 has no reliable length field (the Xing header is optional), so the duration limit is enforced
 * while decoding; the byte limit already bounds the work.
 */
final class Mp3Reader {
    static {
        JCodecLogs.silence();
    }
    private static final int[][] BITRATES_KBPS = {
            {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, -1},   // MPEG-1 Layer III
            {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160, -1},       // MPEG-2/2.5 Layer III
    };
    private static final int[] RATES_MPEG1 = {44100, 48000, 32000};
    /** Decoding starts only after this many consecutive well-formed frames, so stray sync bytes are not taken for audio. */
    private static final int FRAMES_TO_LOCK = 3;

    private Mp3Reader() {
    }

    /** Whether a Layer III frame header that is followed by another one starts at {@code at}. */
    static boolean looksLikeMp3(byte[] b, int at) {
        int first = frameLength(b, at);
        return first > 0 && frameLength(b, at + first) > 0;
    }

    static AudioClip read(byte[] bytes, int start, AudioLimits limits, int targetRate) throws AudioException {
        int pos = firstFrame(bytes, start);
        if (pos < 0) {
            throw new AudioException(AudioErrorCode.CORRUPT_AUDIO, "MP3 data has no run of valid frames");
        }
        int rate = sampleRate(bytes, pos);
        int channels = channelMode(bytes, pos) == 3 ? 1 : 2;
        DecodedPcm pcm = new DecodedPcm(rate, channels, limits, targetRate, bytes.length - start, "mp3");
        Mp3Decoder decoder = new Mp3Decoder();
        ByteBuffer out = ByteBuffer.allocate(1152 * 2 * 2);
        while (pos <= bytes.length - 4) {
            int length = frameLength(bytes, pos);
            if (length <= 0) {
                pos++;       // lost sync: junk, or a tag at the end; look for the next frame
                continue;
            }
            if (pos + length > bytes.length) {
                break;       // truncated last frame: keep what came before, as players do
            }
            if (sampleRate(bytes, pos) != rate) {
                throw new AudioException(AudioErrorCode.CORRUPT_AUDIO, "MP3 stream changes its sample rate");
            }
            out.clear();
            try {
                AudioBuffer decoded = decoder.decodeFrame(ByteBuffer.wrap(bytes, pos, length).slice(), out);
                // JCodec gives no format with MP3 output: it is little-endian 16-bit, channels as in the header
                pcm.addInterleavedBytes(decoded.getData(), channels, false);
            } catch (IOException e) {
                throw new AudioException(AudioErrorCode.CORRUPT_AUDIO, "MP3 frame at byte " + pos + " cannot be decoded", e);
            }
            pos += length;
        }
        return pcm.clip(true);
    }

    private static int firstFrame(byte[] b, int from) {
        for (int pos = from; pos <= b.length - 4; pos++) {
            int at = pos;
            int run = 0;
            while (run < FRAMES_TO_LOCK) {
                int length = frameLength(b, at);
                if (length <= 0) {
                    break;
                }
                run++;
                at += length;
                if (at >= b.length) {
                    break;   // a file of fewer frames than the lock needs
                }
            }
            if (run == FRAMES_TO_LOCK || (run > 0 && at >= b.length)) {
                return pos;
            }
        }
        return -1;
    }

    /** Length in bytes of the Layer III frame whose header starts at {@code at}, or -1 when there is none. */
    static int frameLength(byte[] b, int at) {
        if (at < 0 || at > b.length - 4 || (b[at] & 0xff) != 0xff || (b[at + 1] & 0xe0) != 0xe0) {
            return -1;
        }
        int version = (b[at + 1] >> 3) & 3;          // 0: 2.5, 1: reserved, 2: 2, 3: 1
        int layer = (b[at + 1] >> 1) & 3;            // 1: Layer III
        int bitrateIndex = (b[at + 2] >> 4) & 15;
        int rateIndex = (b[at + 2] >> 2) & 3;
        if (version == 1 || layer != 1 || bitrateIndex == 0 || bitrateIndex == 15 || rateIndex == 3) {
            return -1;
        }
        int padding = (b[at + 2] >> 1) & 1;
        int kbps = BITRATES_KBPS[version == 3 ? 0 : 1][bitrateIndex];
        int rate = sampleRate(b, at);
        int samplesPerFrame = version == 3 ? 1152 : 576;
        return samplesPerFrame / 8 * kbps * 1000 / rate + padding;
    }

    private static int sampleRate(byte[] b, int at) {
        int version = (b[at + 1] >> 3) & 3;
        int base = RATES_MPEG1[(b[at + 2] >> 2) & 3];
        return version == 3 ? base : version == 2 ? base / 2 : base / 4;
    }

    private static int channelMode(byte[] b, int at) {
        return (b[at + 3] >> 6) & 3;
    }
}
