package io.github.ser.features;

import io.github.ser.dsp.FrameEnergy;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits long clips at pauses so each piece is classified on its own: energy-based voice activity on 25 ms
 * frames every 10 ms, pauses of at least {@value #MIN_PAUSE_SECONDS} s separate stretches, stretches are
 * packed into segments of {@code min..max} seconds. Short clips come back whole.
 */
public final class VoiceActivitySegmenter {
    private static final double FRAME_SECONDS = 0.025;
    private static final double HOP_SECONDS = 0.010;
    private static final double ACTIVE_RANGE_DB = 40;
    private static final double SILENCE_FLOOR_DBFS = -60;
    private static final double MIN_PAUSE_SECONDS = 0.25;
    private static final double PAD_SECONDS = 0.1;

    private final SegmenterSettings settings;

    public VoiceActivitySegmenter(SegmenterSettings settings) {
        this.settings = settings;
    }

    /** Segments in samples, in order; empty when nothing in a long clip sounds like speech. */
    public List<Segment> split(float[] samples, int sampleRate) {
        if (samples.length <= settings.splitAboveSeconds() * sampleRate) {
            return List.of(new Segment(0, samples.length));
        }
        int hop = (int) Math.round(HOP_SECONDS * sampleRate);
        double[] levels = FrameEnergy.rmsDb(samples, (int) Math.round(FRAME_SECONDS * sampleRate), hop);
        boolean[] active = FrameEnergy.active(levels, ACTIVE_RANGE_DB, SILENCE_FLOOR_DBFS);
        List<Segment> stretches = stretches(active, hop, sampleRate, samples.length);
        return pack(stretches, levels, hop, sampleRate);
    }

    /** Runs of active frames, bridging pauses shorter than MIN_PAUSE_SECONDS, padded a little, in samples. */
    private static List<Segment> stretches(boolean[] active, int hop, int sampleRate, int length) {
        int minPauseFrames = (int) Math.round(MIN_PAUSE_SECONDS * sampleRate / hop);
        int pad = (int) Math.round(PAD_SECONDS * sampleRate);
        List<Segment> out = new ArrayList<>();
        int t = 0;
        while (t < active.length) {
            if (!active[t]) {
                t++;
                continue;
            }
            int start = t;
            int end = t;
            int gap = 0;
            for (t = t + 1; t < active.length && gap < minPauseFrames; t++) {
                if (active[t]) {
                    end = t;
                    gap = 0;
                } else {
                    gap++;
                }
            }
            t = end + 1;
            out.add(new Segment(Math.max(0, start * hop - pad), Math.min(length, (end + 1) * hop + pad)));
        }
        return out;
    }

    /** Greedily groups stretches into segments no longer than max, cutting over-long ones at their quietest frame. */
    private List<Segment> pack(List<Segment> stretches, double[] levels, int hop, int sampleRate) {
        int max = (int) Math.round(settings.maxSegmentSeconds() * sampleRate);
        int min = (int) Math.round(settings.minSegmentSeconds() * sampleRate);
        List<Segment> pieces = new ArrayList<>();
        for (Segment s : stretches) {
            cut(s, max, min, levels, hop, pieces);
        }
        List<Segment> out = new ArrayList<>();
        for (Segment piece : pieces) {
            Segment last = out.isEmpty() ? null : out.get(out.size() - 1);
            boolean fits = last != null && piece.end() - last.start() <= max;
            if (last != null && fits && (last.length() < min || piece.length() < min || piece.start() <= last.end())) {
                out.set(out.size() - 1, new Segment(last.start(), piece.end()));
            } else {
                out.add(piece);
            }
        }
        return out;
    }

    private static void cut(Segment s, int max, int min, double[] levels, int hop, List<Segment> into) {
        Segment rest = s;
        while (rest.length() > max) {
            // the quietest frame between min and max samples from the start
            int from = (rest.start() + min) / hop;
            int to = Math.min((rest.start() + max) / hop, levels.length - 1);
            int best = to;
            for (int f = from; f <= to; f++) {
                if (levels[f] < levels[best]) {
                    best = f;
                }
            }
            int at = Math.max(rest.start() + min, Math.min(best * hop, rest.start() + max));
            into.add(new Segment(rest.start(), at));
            rest = new Segment(at, rest.end());
        }
        into.add(rest);
    }
}
