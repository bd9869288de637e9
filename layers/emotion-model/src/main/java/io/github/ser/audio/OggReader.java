package io.github.ser.audio;

import com.jcraft.jogg.Packet;
import com.jcraft.jorbis.Block;
import com.jcraft.jorbis.Comment;
import com.jcraft.jorbis.DspState;
import com.jcraft.jorbis.Info;
import org.gagravarr.ogg.OggPacket;
import org.gagravarr.ogg.OggPacketReader;

import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Ogg (RFC 3533) pages are read by vorbis-java-core's packet reader; the first logical stream is decoded: Opus
 * (Chrome and Firefox recordings saved as .ogg/.opus, messaging apps' voice notes) by Concentus, Vorbis by JOrbis.
 * Ogg gives no length up front, so the duration limit is enforced while decoding.
 */
final class OggReader {
    private OggReader() {
    }

    static AudioClip read(byte[] bytes, AudioLimits limits, int targetRate) throws AudioException {
        try {
            OggPacketReader reader = new OggPacketReader(new ByteArrayInputStream(bytes));
            OggPacket first = reader.getNextPacket();
            if (first == null || first.getData().length < 8) {
                throw new AudioException(AudioErrorCode.CORRUPT_AUDIO, "Ogg file holds no complete codec header");
            }
            byte[] head = first.getData();
            if (OpusPackets.isHead(head)) {
                return opus(reader, first.getSid(), head, limits, targetRate, bytes.length);
            }
            if (head.length >= 7 && head[0] == 1 && ChunkIds.matches(head, 1, "vorbis")) {
                return vorbis(reader, first, limits, targetRate, bytes.length);
            }
            throw new AudioException(AudioErrorCode.UNSUPPORTED_FORMAT,
                    "Ogg stream is neither Opus nor Vorbis; send Opus or Vorbis in Ogg, or WAV, FLAC, MP3, M4A");
        } catch (IOException e) {
            throw new AudioException(AudioErrorCode.CORRUPT_AUDIO, "Ogg container cannot be read", e);
        }
    }

    private static AudioClip opus(OggPacketReader reader, int sid, byte[] head, AudioLimits limits,
            int targetRate, long encodedBytes)
            throws IOException, AudioException {
        OpusPackets opus = OpusPackets.fromHead(head, limits, targetRate, encodedBytes, "ogg");
        OggPacket tags = reader.getNextPacketWithSid(sid);   // OpusTags: nothing we need
        if (tags == null) {
            throw new AudioException(AudioErrorCode.CORRUPT_AUDIO, "Ogg Opus stream ends after its header");
        }
        OggPacket packet;
        while ((packet = reader.getNextPacketWithSid(sid)) != null) {
            byte[] data = packet.getData();
            if (data.length > 0) {
                opus.decode(data, 0, data.length);
            }
        }
        return opus.clip();
    }

    private static AudioClip vorbis(OggPacketReader reader, OggPacket first, AudioLimits limits,
            int targetRate, long encodedBytes)
            throws IOException, AudioException {
        Info info = new Info();
        Comment comment = new Comment();
        info.init();
        comment.init();
        OggPacket packet = first;
        for (int header = 0; header < 3; header++) {
            if (packet == null || info.synthesis_headerin(comment, jogg(packet, header)) < 0) {
                throw new AudioException(AudioErrorCode.CORRUPT_AUDIO, "Ogg Vorbis headers are missing or invalid");
            }
            packet = header < 2 ? reader.getNextPacketWithSid(first.getSid()) : null;
        }
        DecodedPcm pcm = new DecodedPcm(info.rate, info.channels, limits, targetRate, encodedBytes, "ogg");
        DspState dsp = new DspState();
        dsp.synthesis_init(info);
        Block block = new Block(dsp);
        float[][][] planes = new float[1][][];
        int[] offsets = new int[info.channels];
        long number = 3;
        while ((packet = reader.getNextPacketWithSid(first.getSid())) != null) {
            if (block.synthesis(jogg(packet, number++)) == 0) {
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

    private static Packet jogg(OggPacket packet, long number) {
        Packet p = new Packet();
        p.packet_base = packet.getData();
        p.packet = 0;
        p.bytes = p.packet_base.length;
        p.b_o_s = packet.isBeginningOfStream() ? 1 : 0;
        p.e_o_s = packet.isEndOfStream() ? 1 : 0;
        p.granulepos = packet.getGranulePosition();
        p.packetno = number;
        return p;
    }
}
