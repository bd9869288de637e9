package io.github.ser.backfill;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Running counts of a backfill, safe to update from many threads: tagged, skipped (already tagged by this model)
 * and failed, the failures by error code ({@code corrupt_audio}, {@code missing}, {@code aws_error}...).
 */
public final class BackfillSummary {
    private final int total;
    private final AtomicInteger tagged = new AtomicInteger();
    private final AtomicInteger skipped = new AtomicInteger();
    private final Map<String, Integer> failures = new TreeMap<>();

    BackfillSummary(int total) {
        this.total = total;
    }

    void addTagged() {
        tagged.incrementAndGet();
    }

    void addSkipped() {
        skipped.incrementAndGet();
    }

    synchronized void addFailed(String code) {
        failures.merge(code, 1, Integer::sum);
    }

    public int total() {
        return total;
    }

    public int tagged() {
        return tagged.get();
    }

    public int skipped() {
        return skipped.get();
    }

    public synchronized int failed() {
        return failures.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Failures by error code, in code order. */
    public synchronized Map<String, Integer> failures() {
        return new TreeMap<>(failures);
    }

    public int done() {
        return tagged() + skipped() + failed();
    }
}
