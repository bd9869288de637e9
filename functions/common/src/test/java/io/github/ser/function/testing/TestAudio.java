package io.github.ser.function.testing;

import io.github.ser.audio.WavWriter;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/** Small audio files made in tests: 16-bit PCM WAV, and broken ones. */
public final class TestAudio {
    /** A real RAVDESS clip (48 kHz mono, angry) from ../shared. */
    public static final String SAMPLE_WAV = "datasets/samples/03-01-05-02-01-01-01.wav";
    /** The same kind of clip as FLAC at 16 kHz. */
    public static final String SAMPLE_FLAC = "datasets/ravdess-speech-16k/Actor_01/03-01-05-02-01-01-01.flac";

    private TestAudio() {
    }

    /** 16-bit PCM mono WAV of the given samples in [-1, 1]. */
    public static byte[] wav16(float[] samples, int sampleRate) {
        return WavWriter.pcm16(samples, sampleRate);
    }

    public static byte[] silence(double seconds, int sampleRate) {
        return wav16(new float[(int) (seconds * sampleRate)], sampleRate);
    }

    /** A WAV whose header stops in the middle of the format chunk. */
    public static byte[] truncatedHeader() {
        return Arrays.copyOf(RepoFiles.sharedBytes(SAMPLE_WAV), 30);
    }

    /** Bytes of no audio format at all. */
    public static byte[] notAudio() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("This is a text file pretending to be a clip.\n".repeat(20).getBytes());
        return out.toByteArray();
    }
}
