package io.github.ser.features;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VoiceActivitySegmenterTest {
    private final VoiceActivitySegmenter segmenter = new VoiceActivitySegmenter(SegmenterSettings.defaults());

    /** Tone bursts of the given lengths (seconds) separated by 0.6 s of near-silence. */
    private static float[] bursts(double... seconds) {
        int pause = (int) (0.6 * 16000);
        int total = pause;
        for (double s : seconds) {
            total += (int) (s * 16000) + pause;
        }
        float[] x = new float[total];
        int at = pause;
        for (double s : seconds) {
            int n = (int) (s * 16000);
            for (int i = 0; i < n; i++) {
                x[at + i] = (float) (0.3 * Math.sin(2 * Math.PI * 200 * i / 16000.0));
            }
            at += n + pause;
        }
        return x;
    }

    @Test
    void shortClipsStayWhole() {
        float[] x = bursts(2, 3);
        assertEquals(List.of(new Segment(0, x.length)), segmenter.split(x, 16000));
    }

    @Test
    void longClipsAreCutAtPausesIntoBoundedSegments() {
        float[] x = bursts(3, 3, 3, 3, 3, 3);
        List<Segment> segments = segmenter.split(x, 16000);
        assertTrue(segments.size() >= 3, "got " + segments);
        for (Segment s : segments) {
            assertTrue(s.length() <= 8 * 16000, "at most 8 s: " + s);
            assertTrue(s.length() >= 1.5 * 16000, "at least 1.5 s: " + s);
            // cuts fall in pauses: the sample at each boundary is silent
            assertEquals(0f, x[Math.min(s.end(), x.length - 1)]);
        }
        for (int i = 1; i < segments.size(); i++) {
            assertTrue(segments.get(i).start() >= segments.get(i - 1).end(), "in order, not overlapping");
        }
    }

    @Test
    void speechWithoutPausesIsCutAtMostEverEightSeconds() {
        float[] x = bursts(20);
        List<Segment> segments = segmenter.split(x, 16000);
        assertTrue(segments.size() >= 3);
        for (Segment s : segments) {
            assertTrue(s.length() <= 8 * 16000);
        }
    }

    @Test
    void silenceHasNoSegments() {
        assertTrue(segmenter.split(new float[16000 * 12], 16000).isEmpty());
    }
}
