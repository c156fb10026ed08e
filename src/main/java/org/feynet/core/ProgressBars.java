package org.feynet.core;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of long work on stderr: a redrawn bar when feynet runs at a terminal, plain lines (ASCII, no colour or
 * carriage returns, one every {@value #PLAIN_INTERVAL_MILLIS} ms and one at the end; nothing for work that ends
 * sooner) when its output goes to a file, a pipe or a log. "At a terminal" is {@code System.console() != null},
 * which the JDK gives when standard input and output are both a terminal.
 */
public final class ProgressBars {

    /** How often a plain progress line is written when not at a terminal. */
    public static final long PLAIN_INTERVAL_MILLIS = 10_000;

    private ProgressBars() {}

    /** Whether progress is drawn as a bar (at a terminal) rather than as plain lines. */
    public static boolean interactive() {
        return System.console() != null;
    }

    /**
     * A started progress bar.
     *
     * @param task  the name shown before the bar
     * @param total the number of units of work
     * @param unit  the unit's name with its leading space (" nets"), or null for plain counts
     */
    public static ProgressBar start(String task, long total, String unit) {
        return interactive() ? bar(task, total, unit).setConsumer(new ConsoleProgressBarConsumer(System.err))
                .setUpdateIntervalMillis(250).build() : plain(task, total, unit, PLAIN_INTERVAL_MILLIS);
    }

    /**
     * Progress as plain lines on stderr every {@code intervalMillis}, and a last one at the end, unless the work ended
     * within the first interval; a line equal to the previous one is not repeated.
     */
    static ProgressBar plain(String task, long total, String unit, long intervalMillis) {
        java.io.PrintStream err = System.err;
        long start = System.nanoTime();
        String[] previous = {null};
        java.util.function.Consumer<String> lines = line -> {
            if ((System.nanoTime() - start) / 1_000_000 >= intervalMillis && !line.equals(previous[0])) {
                err.println(line);
                previous[0] = line;
            }
        };
        return bar(task, total, unit).setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new DelegatingProgressBarConsumer(lines, 100))
                .setUpdateIntervalMillis((int) intervalMillis).build();
    }

    private static ProgressBarBuilder bar(String task, long total, String unit) {
        ProgressBarBuilder builder = new ProgressBarBuilder().setTaskName(task).setInitialMax(total);
        return unit == null ? builder : builder.setUnit(unit, 1);
    }
}
