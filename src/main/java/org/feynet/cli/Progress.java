package org.feynet.cli;

import me.tongfei.progressbar.ProgressBar;
import org.feynet.core.ProgressBars;

/** Progress of long work on stderr ({@link ProgressBars}: a bar at a terminal, plain lines otherwise), or nothing. */
final class Progress implements AutoCloseable {

    private final ProgressBar bar;

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    static Progress start(String task, long total, boolean enabled) {
        if (!enabled) {
            return new Progress(null);
        }
        return new Progress(ProgressBars.start(task, total, null));
    }

    void stepTo(long done) {
        if (bar != null) {
            bar.stepTo(done);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
