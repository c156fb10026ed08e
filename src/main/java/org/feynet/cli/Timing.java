package org.feynet.cli;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * Stage timers for finding where a command's time goes: with {@code -Dfeynet.timing=true} (in the launcher:
 * {@code JAVA_TOOL_OPTIONS=-Dfeynet.timing=true ./feynet ...}) every {@link #mark} prints one line on stderr with the
 * wall time since the previous mark and since the JVM started, and the process's CPU time so far (user + system,
 * all threads, from the operating system's bean). Off by default, when a mark costs one boolean test.
 */
final class Timing {

    private static final boolean ON = Boolean.getBoolean("feynet.timing");
    private static long last = System.nanoTime();

    private Timing() {}

    /** Prints the time spent in the stage that just ended, when timing is on. */
    static synchronized void mark(String stage) {
        if (!ON) {
            return;
        }
        long now = System.nanoTime();
        long sinceStart = ManagementFactory.getRuntimeMXBean().getUptime();
        double cpu = ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class)
                .getProcessCpuTime() * 1e-9;
        System.err.printf(Locale.ROOT, "feynet timing: %-28s %8.1f ms   (JVM up %6d ms, process CPU %6.3f s)%n",
                stage, (now - last) * 1e-6, sinceStart, cpu);
        last = System.nanoTime();
    }
}
