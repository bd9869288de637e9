package io.github.ser.audio;

import net.sourceforge.jaad.aac.AACException;
import net.sourceforge.jaad.aac.Decoder;
import net.sourceforge.jaad.aac.SampleBuffer;

import java.nio.ByteBuffer;

/**
 * AAC access units to PCM with JCodec's copy of JAAD, one frame at a time. A frame the decoder cannot decode is
 * concealed with a frame of silence, as players do, so that one bad frame does not cost the clip: JAAD's
 * inverse-quantisation table stops one entry short of the largest value AAC allows (8191, ISO 14496-3 4.6.3), which
 * ffmpeg's encoder writes now and then in a loud frame (6 of 120 ffmpeg encodes of RAVDESS clips at 48-128 kbit/s had
 * one such frame, answered {@code Index 8191 out of bounds for length 8191}); the frames after it decode as before.
 * More than {@link #FORGIVEN} bad frames plus one in {@link #FRAMES_PER_BAD_FRAME} is a broken stream, not bad luck:
 * {@code corrupt_audio}, as soon as it is seen.
 */
final class AacFrames {
    static {
        JCodecLogs.silence();
    }
    /** Bad frames always concealed (a 4 s clip has about 65 frames at 16 kHz, 190 at 48 kHz)... */
    private static final int FORGIVEN = 3;
    /** ...and one in this many frames beyond them. */
    private static final int FRAMES_PER_BAD_FRAME = 10;

    private final Decoder decoder;
    private final SampleBuffer buffer = new SampleBuffer();
    private final AudioLimits limits;
    private final int targetRate;
    private final long encodedBytes;
    private DecodedPcm pcm;
    private int channels;
    /** Frames of the last good frame: a concealed frame is this long. */
    private int frameLength;
    private long frames;
    private long bad;
    /** Bad frames before the first good one, whose length is not known yet. */
    private int pending;

    AacFrames(byte[] audioSpecificConfig, AudioLimits limits, int targetRate, long encodedBytes) throws AudioException {
        this.limits = limits;
        this.targetRate = targetRate;
        this.encodedBytes = encodedBytes;
        try {
            decoder = new Decoder(audioSpecificConfig);
        } catch (AACException e) {
            throw new AudioException(AudioErrorCode.CORRUPT_AUDIO, "AAC decoder configuration is invalid", e);
        }
    }

    void decode(byte[] frame) throws AudioException {
        frames++;
        try {
            decoder.decodeFrame(frame, buffer);
        } catch (AACException e) {
            conceal(e);
            return;
        }
        int bytes = buffer.getData().length;
        if (bytes == 0) {
            conceal(null);       // JAAD gives up on some broken frames quietly: nothing decoded is a bad frame too
            return;
        }
        if (pcm == null) {
            channels = buffer.getChannels();
            pcm = new DecodedPcm(buffer.getSampleRate(), channels, limits, targetRate, encodedBytes, "m4a");
        }
        frameLength = bytes / 2 / Math.max(1, channels);
        for (; pending > 0; pending--) {
            pcm.addSilence(frameLength);
        }
        pcm.addInterleavedBytes(ByteBuffer.wrap(buffer.getData()), buffer.getChannels(), buffer.isBigEndian());
    }

    private void conceal(AACException e) throws AudioException {
        bad++;
        if (bad > FORGIVEN + frames / FRAMES_PER_BAD_FRAME) {
            throw new AudioException(AudioErrorCode.CORRUPT_AUDIO, "AAC audio cannot be decoded: " + bad + " of the first "
                    + frames + " frames are broken", e);
        }
        if (pcm == null) {
            pending++;
        } else {
            pcm.addSilence(frameLength);
        }
    }

    AudioClip clip(boolean trackPromisedAudio) throws AudioException {
        if (pcm == null) {
            throw new AudioException(trackPromisedAudio ? AudioErrorCode.CORRUPT_AUDIO : AudioErrorCode.EMPTY,
                    trackPromisedAudio ? "MP4 file is truncated: no complete AAC frame" : "MP4 audio track holds no samples");
        }
        return pcm.clip(true);
    }
}
