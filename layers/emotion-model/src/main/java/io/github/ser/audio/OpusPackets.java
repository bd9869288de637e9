package io.github.ser.audio;

import io.github.jaredmdobson.concentus.OpusDecoder;
import io.github.jaredmdobson.concentus.OpusException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Opus packets to PCM with Concentus, for both containers that carry Opus (Ogg, WebM/Matroska). The stream's
 * {@code OpusHead} (RFC 7845: the first Ogg packet, or Matroska's CodecPrivate) gives the channels and the
 * pre-skip, the encoder's priming samples, which are dropped as players do. Opus always decodes at 48 kHz.
 */
final class OpusPackets {
    static final int RATE = 48_000;
    /** The longest Opus packet: 120 ms. */
    private static final int MAX_FRAME = 5_760;

    private final OpusDecoder decoder;
    private final DecodedPcm pcm;
    private final int channels;
    private final short[] out;

    private OpusPackets(int channels, int preSkip, DecodedPcm pcm) throws OpusException {
        this.channels = channels;
        this.pcm = pcm;
        pcm.skipLeading(preSkip);
        this.decoder = new OpusDecoder(RATE, channels);
        this.out = new short[MAX_FRAME * channels];
    }

    static boolean isHead(byte[] packet) {
        return packet.length >= 19 && ChunkIds.matches(packet, 0, "OpusHead");
    }

    /** A decoder for the stream described by its {@code OpusHead}. */
    static OpusPackets fromHead(byte[] head, AudioLimits limits, int targetRate, long encodedBytes, String format) throws AudioException {
        if (!isHead(head)) {
            throw new AudioException(AudioErrorCode.CORRUPT_AUDIO, format + " Opus stream has no valid OpusHead");
        }
        ByteBuffer b = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
        int channels = head[9] & 0xff;
        int preSkip = Short.toUnsignedInt(b.getShort(10));
        int mappingFamily = head[18] & 0xff;
        if (mappingFamily != 0 || channels > 2) {
            throw new AudioException(AudioErrorCode.UNSUPPORTED_FORMAT, format + " Opus with " + channels
                    + " channels (mapping family " + mappingFamily + ") is not supported; mono or stereo is");
        }
        try {
            return new OpusPackets(channels, preSkip, new DecodedPcm(RATE, channels, limits, targetRate, encodedBytes, format));
        } catch (OpusException e) {
            throw new AudioException(AudioErrorCode.CORRUPT_AUDIO, format + " Opus header is invalid", e);
        }
    }

    void decode(byte[] packet, int offset, int length) throws AudioException {
        try {
            int frames = decoder.decode(packet, offset, length, out, 0, MAX_FRAME, false);
            pcm.addInterleaved(out, frames);
        } catch (OpusException e) {
            throw new AudioException(AudioErrorCode.CORRUPT_AUDIO, "Opus packet cannot be decoded", e);
        }
    }

    AudioClip clip() throws AudioException {
        return pcm.clip(true);
    }
}
