package io.github.ser.audio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes mono 16-bit PCM WAV bytes: the exact inverse of {@link AudioDecoder}'s int16 / 32768 scaling, clipped
 * to the int16 range (for {@code ser bench}'s synthetic long clip, tests and tools).
 */
public final class WavWriter {

    private WavWriter() {
    }

    public static byte[] pcm16(float[] samples, int sampleRate) {
        int dataBytes = samples.length * 2;
        ByteBuffer b = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + dataBytes).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(sampleRate).putInt(sampleRate * 2).putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes()).putInt(dataBytes);
        for (float s : samples) {
            b.putShort((short) Math.max(-32768, Math.min(32767, Math.round(s * 32768f))));
        }
        return b.array();
    }
}
