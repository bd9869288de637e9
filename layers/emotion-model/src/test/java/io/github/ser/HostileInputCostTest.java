package io.github.ser;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.ser.audio.AudioException;
import io.github.ser.audio.HostileAudio;
import io.github.ser.testing.CompressedClips;
import io.github.ser.testing.ShippedModel;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bound: no input under 100 KB costs more than 0.5 s of CPU or 100 MB of memory, with the shipped model.
 * Memory is measured as bytes allocated by the analysing thread, an upper bound on what the request ever holds.
 * The inputs are the cheapest ways to claim much audio: decompression bombs (declared and not), and the longest
 * clip the expansion limit lets 100 KB of FLAC hold, and 100 KB of the cheapest real codec per second, Opus voice
 * at 12 kbit/s: 70 s of synthetic voice ({@code src/test/resources/compressed/synthetic-voice-12k.opus}, made with
 * ffmpeg 5.1: {@code ffmpeg -f lavfi -i "aevalsrc='0.3*max(0,sin(2*PI*3*t))*(sin(2*PI*(140*t-30/(2*PI*0.7)
 * *cos(2*PI*0.7*t)))+0.5*sin(4*PI*(...))+0.25*sin(6*PI*(...)))':s=16000:d=200" -c:a libopus -b:a 12k
 * -application voip -fs 96000 synthetic-voice-12k.opus}, the same phase term in each harmonic).
 */
class HostileInputCostTest {
    private static final long MAX_CPU_NANOS = 500_000_000L;
    private static final long MAX_BYTES = 100L * 1024 * 1024;

    private static EmotionRecognizer recognizer;

    @BeforeAll
    static void load() throws Exception {
        assumeTrue(ShippedModel.exists(), "no model at " + ShippedModel.path());
        recognizer = EmotionRecognizer.load(ShippedModel.path(), RecognizerSettings.defaults());
    }

    @Test
    void smallInputsStayCheap() throws Exception {
        Map<String, byte[]> inputs = new LinkedHashMap<>();
        inputs.put("FLAC declaring 599 s at 192 kHz", HostileAudio.flacBomb599sAt192kHz(true));
        inputs.put("FLAC of 599 s at 192 kHz, no length", HostileAudio.flacBomb599sAt192kHz(false));
        // just under the expansion limit, at the model's rate and at 192 kHz: the most audio 100 KB may hold
        inputs.put("100 KB FLAC at 16 kHz, no length", fill(16_000, 100_000));
        inputs.put("100 KB FLAC at 192 kHz, no length", fill(192_000, 100_000));
        inputs.put("96 KB Ogg Opus voice at 12 kbit/s (70 s)",
                new CompressedClips.Clip("synthetic-voice-12k.opus", "audio/ogg").bytes());
        inputs.put("3 s of 16-bit WAV (a real clip)", HostileAudio.pcmWav(HostileAudio.tone(HostileAudio.RATE, 3), HostileAudio.RATE));
        inputs.put("NaN WAV", HostileAudio.floatWav(HostileAudio.toneWith(Float.NaN, 1), HostileAudio.RATE));
        for (int round = 0; round < 2; round++) { // the first round warms the JIT up; the second is judged
            for (Map.Entry<String, byte[]> input : inputs.entrySet()) {
                assertTrue(input.getValue().length <= 100_000, input.getKey() + ": " + input.getValue().length);
                Cost cost = measure(input.getValue());
                if (round == 1) {
                    System.out.printf("%-40s %7d bytes  %6.1f ms CPU  %6.1f MB allocated  %s%n", input.getKey(),
                            input.getValue().length, cost.cpuNanos / 1e6, cost.bytes / 1e6, cost.answer);
                    assertTrue(cost.cpuNanos <= MAX_CPU_NANOS, input.getKey() + ": " + cost.cpuNanos / 1e6 + " ms CPU");
                    assertTrue(cost.bytes <= MAX_BYTES, input.getKey() + ": " + cost.bytes / 1e6 + " MB");
                }
            }
        }
    }

    /** Square-wave FLAC of just under {@code bytes}, holding 95 % of the samples the expansion limit allows. */
    private static byte[] fill(int rate, int bytes) {
        int perFrame = (HostileAudio.flacBomb(rate, 384, 10_000, false).length - 42) / 10_000 + 1;
        int blocks = (bytes - 42) / perFrame;
        int blockSize = (int) (0.95 * 8 * bytes / blocks);
        return HostileAudio.flacBomb(rate, blockSize, blocks, false);
    }

    private record Cost(long cpuNanos, long bytes, String answer) {
    }

    private static Cost measure(byte[] input) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long cpu = threads.getThreadCpuTime(id);
        long allocated = threads.getThreadAllocatedBytes(id);
        String answer;
        try {
            Prediction p = recognizer.recognize(input);
            answer = p.emotion() + " " + p.durationSeconds() + " s";
        } catch (AudioException e) {
            answer = e.code().code();
        }
        return new Cost(threads.getThreadCpuTime(id) - cpu, threads.getThreadAllocatedBytes(id) - allocated, answer);
    }
}
