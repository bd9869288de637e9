package io.github.ser.audio;

import java.nio.ByteBuffer;

/**
 * FLAC, 4 to 24 bits per sample, 1 to 8 channels averaged to mono. Metadata blocks are walked with every length
 * checked against the file; frames are decoded by {@link FlacFrameDecoder}.
 *
 * <p>Not jflac: jflac 1.5.2 needs ~1.2 ms for a 3.5 s RAVDESS clip once warm, most of the ~1.5 ms budget for
 * decode + features (this decoder: ~0.4 ms); it prints to stdout on escaped Rice partitions (which would corrupt the
 * CLI's JSON lines), and its metadata parsers allocate whatever lengths a file claims.
 */
final class FlacReader {
    private static final int STREAMINFO_LENGTH = 34;
    private static final int MAX_BITS = 24;

    private FlacReader() {
    }

    /** Decodes the stream whose "fLaC" marker is at {@code start} (after any ID3v2 tag). */
    static AudioClip read(byte[] bytes, int start, AudioLimits limits, int targetRate) throws AudioException {
        int streamInfo = -1;
        int pos = start + 4;
        boolean last = false;
        while (!last) {
            if (pos > bytes.length - 4) {
                throw corrupt("FLAC metadata is truncated");
            }
            last = (bytes[pos] & 0x80) != 0;
            int type = bytes[pos] & 0x7f;
            int length = ((bytes[pos + 1] & 0xff) << 16) | ((bytes[pos + 2] & 0xff) << 8) | (bytes[pos + 3] & 0xff);
            int body = pos + 4;
            if (length > bytes.length - body) {
                throw corrupt("FLAC metadata block claims " + length + " bytes but only " + (bytes.length - body) + " remain");
            }
            if (streamInfo < 0 && (type != 0 || length < STREAMINFO_LENGTH)) {
                throw corrupt("FLAC stream does not start with a STREAMINFO block");
            }
            streamInfo = streamInfo < 0 ? body : streamInfo;
            pos = body + length;
        }
        StreamInfo info = StreamInfo.parse(bytes, streamInfo);
        if (info.totalFrames > 0) {
            HeaderChecks.duration(info.totalFrames, info.rate, limits);
            HeaderChecks.expansion(info.totalFrames, bytes.length - start, "FLAC");
        }
        StreamingResampler sink = new StreamingResampler(info.rate, targetRate, limits,
                HeaderChecks.maxFrames(bytes.length - start), info.totalFrames, "flac");
        decodeFrames(bytes, pos, info, sink);
        HeaderChecks.someFrames(sink.frames(), info.totalFrames > 0 || pos < bytes.length, "FLAC");
        return sink.finish(info.channels);
    }

    /** Decodes every frame into {@code sink}, which enforces the duration and expansion limits as frames arrive. */
    private static void decodeFrames(byte[] bytes, int audioStart, StreamInfo info, StreamingResampler sink)
            throws AudioException {
        long limit = info.totalFrames > 0 ? info.totalFrames : Long.MAX_VALUE;
        FlacFrameDecoder frames = new FlacFrameDecoder(bytes, info.channels, info.bits, info.maxBlockSize);
        float[] block = new float[frames.samples()[0].length];
        BitReader in = new BitReader(bytes, audioStart);
        long decoded = 0;
        int frameStart = audioStart;
        // stop at STREAMINFO's count: anything after it (ID3v1 and other tags) is not audio
        while (decoded < limit && (frameStart = nextSync(bytes, frameStart)) >= 0) {
            in.seekByte(frameStart);
            int n;
            try {
                n = (int) Math.min(frames.decode(in), limit - decoded);
            } catch (FlacFrameDecoder.BadFrame | BitReader.EndOfData e) {
                frameStart++; // not a frame after all, or a truncated one: resynchronise, as libFLAC does
                continue;
            }
            frameStart = in.bytePosition();
            SampleConverter.mixInto(block, 0, frames.samples(), info.channels, n, info.bits);
            sink.push(block, 0, n);
            decoded += n;
        }
    }

    /** Offset of the next frame sync code (0xFFF8 or 0xFFF9, byte-aligned) at or after {@code from}, or -1. */
    private static int nextSync(byte[] bytes, int from) {
        for (int i = from; i < bytes.length - 1; i++) {
            if (bytes[i] == (byte) 0xFF && (bytes[i + 1] & 0xFE) == 0xF8) {
                return i;
            }
        }
        return -1;
    }

    private static AudioException corrupt(String message) {
        return new AudioException(AudioErrorCode.CORRUPT_AUDIO, message);
    }

    /** The STREAMINFO fields decoding needs; totalFrames 0 means "unknown". */
    private record StreamInfo(int rate, int channels, int bits, long totalFrames, int maxBlockSize) {
        static StreamInfo parse(byte[] bytes, int at) throws AudioException {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            int maxBlockSize = Short.toUnsignedInt(buffer.getShort(at + 2));
            long packed = buffer.getLong(at + 10); // rate:20 channels-1:3 bits-1:5 total:36
            int rate = (int) (packed >>> 44);
            int channels = (int) ((packed >>> 41) & 0x7) + 1;
            int bits = (int) ((packed >>> 36) & 0x1f) + 1;
            long total = packed & 0xF_FFFF_FFFFL;
            HeaderChecks.rate(rate, "FLAC");
            if (bits < 4) {
                throw corrupt("FLAC header gives " + bits + " bits per sample");
            }
            if (bits > MAX_BITS) {
                throw new AudioException(AudioErrorCode.UNSUPPORTED_FORMAT,
                        "FLAC with " + bits + " bits per sample is not supported (at most " + MAX_BITS + ")");
            }
            return new StreamInfo(rate, channels, bits, total, maxBlockSize);
        }
    }
}
