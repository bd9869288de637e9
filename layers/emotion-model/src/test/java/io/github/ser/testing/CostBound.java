package io.github.ser.testing;

import java.lang.management.ManagementFactory;

/**
 * Runs one input and asserts that it cost at most so much CPU time and so many allocated bytes on the calling thread
 * (allocation bounds what the input can ever hold). Used by the fuzz targets, for every input they try.
 */
public final class CostBound {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final long maxCpuNanos;
    private final long maxBytes;

    public CostBound(long maxCpuMillis, long maxMegabytes) {
        this.maxCpuNanos = maxCpuMillis * 1_000_000;
        this.maxBytes = maxMegabytes * 1024 * 1024;
    }

    /** Work that may throw what the target expects; anything else fails the input. */
    @FunctionalInterface
    public interface Work {
        void run() throws Exception;
    }

    public void check(String what, Work work) throws Exception {
        long id = Thread.currentThread().getId();
        long cpu = THREADS.getThreadCpuTime(id);
        long allocated = THREADS.getThreadAllocatedBytes(id);
        work.run();
        long usedCpu = THREADS.getThreadCpuTime(id) - cpu;
        long usedBytes = THREADS.getThreadAllocatedBytes(id) - allocated;
        if (usedCpu > maxCpuNanos || usedBytes > maxBytes) {
            throw new AssertionError(String.format("%s cost %.1f ms CPU and %.1f MB (bounds %d ms, %d MB)", what,
                    usedCpu / 1e6, usedBytes / 1048576.0, maxCpuNanos / 1_000_000, maxBytes / 1048576));
        }
    }
}
