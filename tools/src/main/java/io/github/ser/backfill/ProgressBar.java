package io.github.ser.backfill;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar on a terminal, redrawn in place at most ten times a second; elsewhere (a pipe, a log
 * file, CI) one line per tenth of the work, so logs stay readable.
 */
public final class ProgressBar {
    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintStream out;
    private final boolean terminal;
    private final long started = System.nanoTime();
    private long lastDrawn;
    private int lastTenth = -1;

    public ProgressBar(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    synchronized void update(BackfillSummary summary, boolean last) {
        int done = summary.done();
        int total = summary.total();
        long now = System.nanoTime();
        if (terminal) {
            if (!last && now - lastDrawn < REDRAW_NANOS) {
                return;
            }
            lastDrawn = now;
            out.print("\r" + line(summary, now) + (last ? "\n" : ""));
        } else {
            int tenth = total == 0 ? 10 : done * 10 / total;
            if (tenth == lastTenth && !last) {
                return;
            }
            if (tenth != lastTenth) {
                lastTenth = tenth;
                out.println(line(summary, now));
            }
        }
        out.flush();
    }

    private String line(BackfillSummary s, long now) {
        int total = Math.max(s.total(), 1);
        int filled = s.done() * WIDTH / total;
        double seconds = (now - started) / 1e9;
        double rate = seconds > 0 ? s.done() / seconds : 0;
        return String.format(Locale.ROOT, "[%s%s] %d/%d  tagged %d  skipped %d  failed %d  %.1f/s",
                "#".repeat(filled), ".".repeat(WIDTH - filled), s.done(), s.total(), s.tagged(), s.skipped(),
                s.failed(), rate);
    }
}
