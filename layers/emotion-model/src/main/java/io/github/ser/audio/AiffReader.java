package io.github.ser.audio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * AIFF and AIFF-C: big-endian integer PCM (signed, even at 8 bits), and the uncompressed AIFF-C types
 * NONE/twos, sowt (little-endian), raw (unsigned 8-bit), in24/in32 and fl32/fl64. The sample rate is an 80-bit
 * IEEE extended float, truncated to whole hertz like libsndfile does.
 */
final class AiffReader {
    private AiffReader() {
    }

    static AudioClip read(byte[] bytes, AudioLimits limits, int targetRate) throws AudioException {
        if (bytes.length < 12) {
            throw corrupt("AIFF header is truncated");
        }
        boolean aifc = ChunkIds.matches(bytes, 8, "AIFC");
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
        Common common = null;
        int dataStart = -1;
        long dataBytes = 0;
        int pos = 12;
        while (pos <= bytes.length - 8) {
            String id = ChunkIds.read(bytes, pos);
            long size = Integer.toUnsignedLong(buffer.getInt(pos + 4));
            int body = pos + 8;
            long remaining = bytes.length - body;
            if (id.equals("SSND")) {
                if (remaining < 8) {
                    throw corrupt("AIFF 'SSND' chunk header is truncated");
                }
                long offset = Integer.toUnsignedLong(buffer.getInt(body));
                dataStart = (int) Math.min(bytes.length, body + 8 + offset);
                // a size past the end means a truncated file or a streaming writer: use the bytes that are there
                dataBytes = Math.max(0, Math.min(size - 8 - offset, bytes.length - dataStart));
                if (common != null || size >= remaining) {
                    break;
                }
            } else if (size > remaining) {
                throw corrupt("AIFF chunk '" + id + "' claims " + size + " bytes but only " + remaining + " remain");
            } else if (id.equals("COMM")) {
                common = Common.parse(buffer, body, (int) size, aifc);
            }
            pos = (int) Math.min(Integer.MAX_VALUE, body + size + (size & 1));
        }
        if (common == null) {
            throw corrupt("AIFF file has no complete 'COMM' chunk");
        }
        if (dataStart < 0 && common.frames > 0) {
            throw corrupt("AIFF file has no 'SSND' chunk");
        }
        int frames = (int) Math.min(common.frames, dataBytes / common.frameBytes());
        HeaderChecks.duration(frames, common.rate, limits);
        HeaderChecks.someFrames(frames, common.frames > 0, "AIFF");
        PcmLayout layout = new PcmLayout(common.encoding, common.order, common.channels, common.rate, dataStart, frames);
        StreamingResampler sink = new StreamingResampler(common.rate, targetRate, limits, Long.MAX_VALUE, frames, "aiff");
        SampleConverter.toMono(bytes, layout, sink);
        return sink.finish(common.channels);
    }

    private static AudioException corrupt(String message) {
        return new AudioException(AudioErrorCode.CORRUPT_AUDIO, message);
    }

    /** The 'COMM' chunk, reduced to what decoding needs. */
    private record Common(SampleEncoding encoding, ByteOrder order, int channels, int rate, long frames) {
        int frameBytes() {
            return encoding.bytes() * channels;
        }

        static Common parse(ByteBuffer buffer, int at, int size, boolean aifc) throws AudioException {
            if (size < (aifc ? 22 : 18)) {
                throw corrupt("AIFF 'COMM' chunk is too short (" + size + " bytes)");
            }
            int channels = buffer.getShort(at);
            long frames = Integer.toUnsignedLong(buffer.getInt(at + 2));
            int bits = buffer.getShort(at + 6);
            double rate = extended(buffer, at + 8);
            String compression = aifc ? ChunkIds.read(buffer.array(), at + 18) : "NONE";
            HeaderChecks.channels(channels, "AIFF");
            HeaderChecks.rate(rate, "AIFF");
            ByteOrder order = compression.equals("sowt") ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
            return new Common(encoding(compression, bits), order, channels, (int) rate, frames);
        }

        private static SampleEncoding encoding(String compression, int bits) throws AudioException {
            switch (compression) {
                case "fl32", "FL32":
                    return SampleEncoding.FLOAT_32;
                case "fl64", "FL64":
                    return SampleEncoding.FLOAT_64;
                case "in24":
                    return SampleEncoding.SIGNED_24;
                case "in32":
                    return SampleEncoding.SIGNED_32;
                case "raw ":
                    if (bits == 8) {
                        return SampleEncoding.UNSIGNED_8;
                    }
                    break;
                case "NONE", "twos", "sowt":
                    HeaderChecks.bits(bits, "AIFF");
                    if (bits <= 32) {
                        return SampleEncoding.signedPcm((bits + 7) / 8);
                    }
                    break;
                default:
                    throw new AudioException(AudioErrorCode.UNSUPPORTED_FORMAT, "AIFF-C compression '" + compression
                            + "' is not supported; send uncompressed AIFF, WAV or FLAC");
            }
            throw new AudioException(AudioErrorCode.UNSUPPORTED_FORMAT,
                    "AIFF '" + compression + "' with " + bits + " bits per sample is not supported");
        }

        /** 80-bit IEEE 754 extended: sign, 15-bit exponent, 64-bit mantissa with an explicit integer bit. */
        static double extended(ByteBuffer buffer, int at) {
            int signAndExponent = Short.toUnsignedInt(buffer.getShort(at));
            long mantissa = buffer.getLong(at + 2);
            int exponent = signAndExponent & 0x7fff;
            if (exponent == 0x7fff) {
                return Double.NaN;
            }
            double magnitude = Math.scalb((double) (mantissa >>> 11), exponent - 16383 - 52);
            return (signAndExponent & 0x8000) != 0 ? -magnitude : magnitude;
        }
    }
}
