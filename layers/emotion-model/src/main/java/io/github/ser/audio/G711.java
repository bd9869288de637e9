package io.github.ser.audio;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * μ-law and A-law (ITU G.711) expansion tables, one float per code byte, computed once by the JDK's own
 * {@code javax.sound.sampled} converter to 16-bit PCM and scaled like every 16-bit sample (s / 32768).
 */
final class G711 {
    static final float[] MU_LAW = table(AudioFormat.Encoding.ULAW);
    static final float[] A_LAW = table(AudioFormat.Encoding.ALAW);

    private G711() {
    }

    private static float[] table(AudioFormat.Encoding encoding) {
        byte[] codes = new byte[256];
        for (int i = 0; i < 256; i++) {
            codes[i] = (byte) i;
        }
        AudioFormat source = new AudioFormat(encoding, 8000, 8, 1, 1, 8000, false);
        AudioFormat pcm = new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, 8000, 16, 1, 2, 8000, false);
        try (AudioInputStream in = AudioSystem.getAudioInputStream(pcm,
                new AudioInputStream(new ByteArrayInputStream(codes), source, codes.length))) {
            byte[] expanded = in.readAllBytes();
            float[] table = new float[256];
            for (int i = 0; i < 256; i++) {
                table[i] = (short) ((expanded[2 * i] & 0xff) | (expanded[2 * i + 1] << 8)) / 32768f;
            }
            return table;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
