package io.github.ser.audio;

import org.jcodec.codecs.aac.AACDecoder;
import org.jcodec.common.Codec;
import org.jcodec.common.DemuxerTrack;
import org.jcodec.common.DemuxerTrackMeta;
import org.jcodec.common.io.ByteBufferSeekableByteChannel;
import org.jcodec.common.model.AudioBuffer;
import org.jcodec.common.model.Packet;
import org.jcodec.containers.mp4.demuxer.MP4Demuxer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * AAC in MP4/M4A (iPhone voice memos, Safari's MediaRecorder, most Android recorders): JCodec's MP4 demuxer finds
 * the first audio track, whose declared duration is checked against the limit before decoding; JCodec's AAC
 * decoder (AAC-LC, HE-AAC) turns each access unit into PCM. The limit is also enforced while decoding, in case
 * the header lies.
 */
final class Mp4AudioReader {
    static {
        JCodecLogs.silence();
    }
    private Mp4AudioReader() {
    }

    static AudioClip read(byte[] bytes, AudioLimits limits, int targetRate) throws AudioException {
        DemuxerTrack track;
        DemuxerTrackMeta meta;
        try {
            MP4Demuxer demuxer = MP4Demuxer.createMP4Demuxer(
                    ByteBufferSeekableByteChannel.readFromByteBuffer(ByteBuffer.wrap(bytes)));
            List<DemuxerTrack> audio = demuxer.getAudioTracks();
            if (audio.isEmpty()) {
                throw new AudioException(AudioErrorCode.UNSUPPORTED_FORMAT, "MP4 file has no audio track");
            }
            track = audio.get(0);
            meta = track.getMeta();
        } catch (IOException e) {
            throw new AudioException(AudioErrorCode.CORRUPT_AUDIO, "MP4 container cannot be read", e);
        }
        if (meta.getCodec() != Codec.AAC) {
            throw new AudioException(AudioErrorCode.UNSUPPORTED_FORMAT, "MP4 audio codec " + meta.getCodec()
                    + " is not supported; AAC is");
        }
        if (meta.getTotalDuration() > limits.maxDurationSeconds()) {
            HeaderChecks.duration(Math.round(meta.getTotalDuration() * 1000), 1000, limits);
        }
        try {
            AACDecoder decoder = new AACDecoder(meta.getCodecPrivate());
            DecodedPcm pcm = null;
            ByteBuffer out = ByteBuffer.allocate(2048 * 8 * 2);
            Packet packet;
            while ((packet = track.nextFrame()) != null) {
                out.clear();
                AudioBuffer decoded = decoder.decodeFrame(packet.getData(), out);
                if (pcm == null) {
                    pcm = new DecodedPcm(decoded.getFormat().getSampleRate(), decoded.getFormat().getChannels(), limits,
                            targetRate, bytes.length, "m4a");
                }
                pcm.addInterleavedBytes(decoded.getData(), decoded.getFormat().getChannels(), decoded.getFormat().isBigEndian());
            }
            if (pcm == null) {
                throw new AudioException(AudioErrorCode.EMPTY, "MP4 audio track holds no samples");
            }
            return pcm.clip(true);
        } catch (IOException e) {
            throw new AudioException(AudioErrorCode.CORRUPT_AUDIO, "AAC audio cannot be decoded", e);
        }
    }
}
