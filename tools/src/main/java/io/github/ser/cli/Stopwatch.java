package io.github.ser.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Wall and CPU time of the current thread. On a shared machine wall time includes waiting for a core; the
 * thread's CPU time is what the work itself cost, so benchmarks report both.
 */
final class Stopwatch {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final long wallStart;
    private final long cpuStart;

    private Stopwatch() {
        this.wallStart = System.nanoTime();
        this.cpuStart = THREADS.getCurrentThreadCpuTime();
    }

    static Stopwatch start() {
        return new Stopwatch();
    }

    double wallMillis() {
        return (System.nanoTime() - wallStart) / 1e6;
    }

    double cpuMillis() {
        return (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e6;
    }
}
