package io.github.ser.audio;

import com.jcraft.jogg.Packet;
import com.jcraft.jorbis.Block;
import com.jcraft.jorbis.Comment;
import com.jcraft.jorbis.DspState;
import com.jcraft.jorbis.Info;

/**
 * Ogg (RFC 3533) pages are read by {@link OggPackets}; the first logical stream is decoded: Opus (Chrome and Firefox
 * recordings saved as .ogg/.opus, messaging apps' voice notes) by Concentus, Vorbis by JOrbis. Ogg gives no length
 * up front, so the duration limit is enforced while decoding.
 */
final class OggReader {
    private OggReader() {
    }

    static AudioClip read(byte[] bytes, AudioLimits limits, int targetRate) throws AudioException {
        OggPackets packets = new OggPackets(bytes);
        Packet first = packets.next();
        if (first == null || first.bytes < 8) {
            throw new AudioException(AudioErrorCode.CORRUPT_AUDIO, "Ogg file holds no complete codec header");
        }
        byte[] head = OggPackets.data(first);
        if (OpusPackets.isHead(head)) {
            return opus(packets, head, limits, targetRate, bytes.length);
        }
        if (head.length >= 7 && head[0] == 1 && ChunkIds.matches(head, 1, "vorbis")) {
            return vorbis(packets, first, limits, targetRate, bytes.length);
        }
        throw new AudioException(AudioErrorCode.UNSUPPORTED_FORMAT,
                "Ogg stream is neither Opus nor Vorbis; send Opus or Vorbis in Ogg, or WAV, FLAC, MP3, M4A");
    }

    private static AudioClip opus(OggPackets packets, byte[] head, AudioLimits limits, int targetRate,
            long encodedBytes) throws AudioException {
        OpusPackets opus = OpusPackets.fromHead(head, limits, targetRate, encodedBytes, "ogg");
        if (packets.next() == null) {    // OpusTags: nothing we need
            throw new AudioException(AudioErrorCode.CORRUPT_AUDIO, "Ogg Opus stream ends after its header");
        }
        Packet packet;
        while ((packet = packets.next()) != null) {
            if (packet.bytes > 0) {
                opus.decode(packet.packet_base, packet.packet, packet.bytes);
            }
        }
        return opus.clip();
    }

    private static AudioClip vorbis(OggPackets packets, Packet first, AudioLimits limits, int targetRate,
            long encodedBytes) throws AudioException {
        Info info = new Info();
        Comment comment = new Comment();
        info.init();
        comment.init();
        Packet packet = first;
        for (int header = 0; header < 3; header++) {
            if (packet == null || info.synthesis_headerin(comment, packet) < 0) {
                throw new AudioException(AudioErrorCode.CORRUPT_AUDIO, "Ogg Vorbis headers are missing or invalid");
            }
            if (header == 0) {
                // before the setup header and the decoder, whose work and memory grow with the channels
                HeaderChecks.lossyChannels(info.channels, "Ogg Vorbis");
            }
            packet = header < 2 ? packets.next() : null;
        }
        DecodedPcm pcm = new DecodedPcm(info.rate, info.channels, limits, targetRate, encodedBytes, "ogg");
        DspState dsp = new DspState();
        dsp.synthesis_init(info);
        Block block = new Block(dsp);
        float[][][] planes = new float[1][][];
        int[] offsets = new int[info.channels];
        while ((packet = packets.next()) != null) {
            if (block.synthesis(packet) == 0) {
                dsp.synthesis_blockin(block);
            }
            int frames;
            while ((frames = dsp.synthesis_pcmout(planes, offsets)) > 0) {
                pcm.addPlanar(planes[0], offsets, frames);
                dsp.synthesis_read(frames);
            }
        }
        return pcm.clip(true);
    }
}
