package org.feynet.dmft;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Wall-clock and process CPU time of the phases of a DMFT solve, reported as one line per phase to a listener
 * ({@code feynet dmft --timing}); the process CPU time is the better figure on a loaded machine.
 */
final class Stopwatch {

    private final Consumer<String> listener;
    private long wall;
    private long cpu;

    Stopwatch(Consumer<String> listener) {
        this.listener = listener;
        restart();
    }

    /** Reports the time since the last report (or the start) under {@code phase}, then restarts. */
    void lap(String phase) {
        long nowWall = System.nanoTime();
        long nowCpu = processCpu();
        listener.accept(String.format(Locale.ROOT, "%s: %.2f s wall, %.2f s CPU", phase, (nowWall - wall) * 1e-9,
                (nowCpu - cpu) * 1e-9));
        wall = nowWall;
        cpu = nowCpu;
    }

    private void restart() {
        wall = System.nanoTime();
        cpu = processCpu();
    }

    private static long processCpu() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }
}
