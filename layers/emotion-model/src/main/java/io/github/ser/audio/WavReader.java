package io.github.ser.audio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;
import java.util.Map;

/**
 * RIFF/WAVE (also big-endian RIFX and RF64/BW64, whose real sizes we never need): integer PCM of 8 (unsigned) to
 * 32 bits, IEEE float 32/64, G.711 μ-law and A-law, WAVE_FORMAT_EXTENSIBLE, any channel count. Tolerant where real
 * writers are sloppy (unknown chunks, missing pad bytes, streaming writers' placeholder data sizes, truncated data),
 * strict where a header lies about something we would have to trust.
 */
final class WavReader {
    private static final int PCM = 0x0001;
    private static final int IEEE_FLOAT = 0x0003;
    private static final int A_LAW = 0x0006;
    private static final int MU_LAW = 0x0007;
    private static final int EXTENSIBLE = 0xFFFE;
    /** Tail shared by the KSDATAFORMAT_SUBTYPE_PCM / _IEEE_FLOAT GUIDs (bytes 8-15). */
    private static final byte[] GUID_TAIL = {(byte) 0x80, 0x00, 0x00, (byte) 0xAA, 0x00, 0x38, (byte) 0x9B, 0x71};
    private static final Map<Integer, String> KNOWN_CODECS = Map.of(
            0x0002, "Microsoft ADPCM", 0x0011, "IMA ADPCM", 0x0031, "GSM 6.10", 0x0050, "MPEG", 0x0055, "MP3",
            0x00FF, "AAC");

    private WavReader() {
    }

    static AudioClip read(byte[] bytes, AudioLimits limits, int targetRate) throws AudioException {
        if (bytes.length < 12) {
            throw corrupt("WAV header is truncated");
        }
        ByteOrder order = ChunkIds.matches(bytes, 0, "RIFX") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(order);
        Format format = null;
        int dataStart = -1;
        long dataBytes = 0;
        boolean dataSizeDeclared = false;
        int pos = 12;
        while (pos <= bytes.length - 8) {
            String id = ChunkIds.read(bytes, pos);
            long size = Integer.toUnsignedLong(buffer.getInt(pos + 4));
            int body = pos + 8;
            long remaining = bytes.length - body;
            if (id.equals("data")) {
                dataStart = body;
                dataSizeDeclared = size > 0;
                // 0xFFFFFFFF (streaming writers, RF64) or a size past the end (truncated): use the bytes that are there
                dataBytes = Math.min(size, remaining);
                if (format != null || size >= remaining) {
                    break;
                }
            } else if (size > remaining) {
                throw corrupt("WAV chunk '" + id + "' claims " + size + " bytes but only " + remaining + " remain");
            } else if (id.equals("fmt ")) {
                format = Format.parse(buffer, body, (int) size);
            }
            pos = nextChunk(bytes, body, size);
        }
        if (format == null) {
            throw corrupt("WAV file has no complete 'fmt ' chunk");
        }
        if (dataStart < 0) {
            throw corrupt("WAV file has no 'data' chunk");
        }
        int frames = (int) (dataBytes / format.frameBytes());
        HeaderChecks.duration(frames, format.rate, limits);
        HeaderChecks.someFrames(frames, dataSizeDeclared, "WAV");
        PcmLayout layout = new PcmLayout(format.encoding, order, format.channels, format.rate, dataStart, frames);
        StreamingResampler sink = new StreamingResampler(format.rate, targetRate, limits, Long.MAX_VALUE, frames, "wav");
        SampleConverter.toMono(bytes, layout, sink);
        return sink.finish(format.channels);
    }

    /** Chunks are padded to even sizes, but some writers forget the pad byte: follow whichever lands on an id. */
    private static int nextChunk(byte[] bytes, int body, long size) {
        long end = body + size;
        if ((size & 1) == 1 && !ChunkIds.plausible(bytes, (int) end + 1) && ChunkIds.plausible(bytes, (int) end)) {
            return (int) end;
        }
        return (int) Math.min(Integer.MAX_VALUE, end + (size & 1));
    }

    private static AudioException corrupt(String message) {
        return new AudioException(AudioErrorCode.CORRUPT_AUDIO, message);
    }

    /** The 'fmt ' chunk, reduced to what decoding needs. */
    private record Format(SampleEncoding encoding, int channels, int rate) {
        int frameBytes() {
            return encoding.bytes() * channels;
        }

        static Format parse(ByteBuffer buffer, int at, int size) throws AudioException {
            if (size < 16) {
                throw corrupt("WAV 'fmt ' chunk is " + size + " bytes; at least 16 are needed");
            }
            int tag = Short.toUnsignedInt(buffer.getShort(at));
            int channels = Short.toUnsignedInt(buffer.getShort(at + 2));
            long rate = Integer.toUnsignedLong(buffer.getInt(at + 4));
            int bits = Short.toUnsignedInt(buffer.getShort(at + 14));
            if (tag == EXTENSIBLE) {
                tag = subFormat(buffer, at, size);
            }
            HeaderChecks.channels(channels, "WAV");
            HeaderChecks.rate(rate, "WAV");
            HeaderChecks.bits(bits, "WAV");
            return new Format(encoding(tag, bits), channels, (int) rate);
        }

        /** WAVE_FORMAT_EXTENSIBLE keeps the real format code in the first bytes of a sub-format GUID. */
        private static int subFormat(ByteBuffer buffer, int at, int size) throws AudioException {
            if (size < 40) {
                throw corrupt("WAV extensible 'fmt ' chunk is " + size + " bytes; 40 are needed");
            }
            for (int i = 0; i < GUID_TAIL.length; i++) {
                if (buffer.get(at + 32 + i) != GUID_TAIL[i]) {
                    throw new AudioException(AudioErrorCode.UNSUPPORTED_FORMAT,
                            "WAV extensible sub-format is not PCM or IEEE float");
                }
            }
            return buffer.getInt(at + 24);
        }

        private static SampleEncoding encoding(int tag, int bits) throws AudioException {
            if (tag == PCM && bits <= 32) {
                int bytes = (bits + 7) / 8;
                return bytes == 1 ? SampleEncoding.UNSIGNED_8 : SampleEncoding.signedPcm(bytes);
            }
            if (tag == IEEE_FLOAT && (bits == 32 || bits == 64)) {
                return bits == 32 ? SampleEncoding.FLOAT_32 : SampleEncoding.FLOAT_64;
            }
            if ((tag == MU_LAW || tag == A_LAW) && bits == 8) {
                return tag == MU_LAW ? SampleEncoding.MU_LAW : SampleEncoding.A_LAW;
            }
            String what = tag == PCM ? bits + "-bit integer PCM"
                    : tag == IEEE_FLOAT ? bits + "-bit float"
                    : KNOWN_CODECS.getOrDefault(tag, String.format(Locale.ROOT, "format tag 0x%04X", tag));
            throw new AudioException(AudioErrorCode.UNSUPPORTED_FORMAT,
                    "WAV encoding " + what + " is not supported; send PCM (8-32 bit), float or G.711 WAV, or another supported format");
        }
    }
}
