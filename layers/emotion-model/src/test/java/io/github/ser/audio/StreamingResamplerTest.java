package io.github.ser.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StreamingResamplerTest {

    /** Exact and interpolated ratios, downsampling and upsampling, fed in blocks of every size. */
    @ParameterizedTest
    @CsvSource({"48000,16000", "44100,16000", "192000,16000", "24414,16000", "8000,16000", "22050,16000",
            "16000,16000", "96000,22050"})
    void blockByBlockEqualsTheWholeClipAtOnce(int from, int to) throws AudioException {
        Random random = new Random(from + 31L * to);
        float[] x = new float[from * 3 + random.nextInt(from)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (Math.sin(i * 0.01) * 0.5 + random.nextGaussian() * 0.1);
        }
        StreamingResampler sink = new StreamingResampler(from, to, AudioLimits.defaults(), Long.MAX_VALUE, 0, "wav");
        for (int at = 0; at < x.length; ) {
            int n = Math.min(x.length - at, 1 + random.nextInt(random.nextBoolean() ? 300 : 70_000));
            sink.push(x, at, n);
            at += n;
        }
        AudioClip clip = sink.finish(1);
        assertEquals(to, clip.sampleRate());
        assertArrayEquals(Resampler.resample(x, from, to), clip.samples());
    }

    @ParameterizedTest
    @CsvSource({"192000,16000", "16000,16000"})
    void stopsAtTheDurationLimitWhileDecoding(int from, int to) throws AudioException {
        StreamingResampler sink = new StreamingResampler(from, to, new AudioLimits(1 << 20, 2.0), Long.MAX_VALUE, 0, "flac");
        float[] block = new float[4096];
        long pushed = 0;
        AudioException e = null;
        try {
            while (pushed < 10L * from) {
                sink.push(block, 0, block.length);
                pushed += block.length;
            }
        } catch (AudioException thrown) {
            e = thrown;
        }
        assertEquals(AudioErrorCode.TOO_LONG, e.code());
        // it stopped within one block of the limit, not after decoding the whole stream
        assertEquals(2 * from / block.length + 1, pushed / block.length, 1.0);
    }

    @org.junit.jupiter.api.Test
    void refusesMoreFramesThanTheExpansionLimitAllows() throws AudioException {
        StreamingResampler sink = new StreamingResampler(16000, 16000, AudioLimits.defaults(), 10_000, 0, "flac");
        sink.push(new float[10_000], 0, 10_000);
        AudioException e = assertThrows(AudioException.class, () -> sink.push(new float[1], 0, 1));
        assertEquals(AudioErrorCode.CORRUPT_AUDIO, e.code());
    }
}
