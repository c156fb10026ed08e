package org.feynet.core;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of long work on stderr: a redrawn bar when feynet runs at a terminal, plain lines (one every
 * {@value #PLAIN_INTERVAL_MILLIS} ms and one at the end, ASCII, no colour or carriage returns) when its output goes to
 * a file, a pipe or a log. "At a terminal" is {@code System.console() != null}, which the JDK gives when standard
 * input and output are both a terminal.
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
        ProgressBarBuilder builder = new ProgressBarBuilder().setTaskName(task).setInitialMax(total);
        if (unit != null) {
            builder.setUnit(unit, 1);
        }
        if (interactive()) {
            builder.setConsumer(new ConsoleProgressBarConsumer(System.err)).setUpdateIntervalMillis(250);
        } else {
            builder.setStyle(ProgressBarStyle.ASCII)
                    .setConsumer(new DelegatingProgressBarConsumer(System.err::println, 100))
                    .setUpdateIntervalMillis((int) PLAIN_INTERVAL_MILLIS);
        }
        return builder.build();
    }
}
