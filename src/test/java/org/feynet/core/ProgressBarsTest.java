package org.feynet.core;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import me.tongfei.progressbar.ProgressBar;
import org.junit.jupiter.api.Test;

/** Off a terminal (as under the test runner) progress is plain lines: no carriage returns, no colour codes. */
class ProgressBarsTest {

    @Test
    void offATerminalProgressIsPlainLines() throws InterruptedException {
        assertFalse(ProgressBars.interactive(), "the test runner has no console");
        String text = captured(() -> {
            try (ProgressBar bar = ProgressBars.plain("work", 10, " items", 20)) {
                bar.stepTo(5);
                Thread.sleep(120);
                bar.stepTo(10);
            }
        });
        assertTrue(text.contains("10/10 items"), text);
        assertFalse(text.contains("\r"), text);
        assertFalse(text.contains("\u001b"), text);
        assertTrue(text.lines().allMatch(line -> line.startsWith("work")), text);
        assertTrue(text.lines().distinct().count() == text.lines().count(), "no line repeated: " + text);
    }

    @Test
    void workShorterThanTheIntervalPrintsNothing() throws InterruptedException {
        String text = captured(() -> {
            try (ProgressBar bar = ProgressBars.start("quick", 10, null)) {
                bar.stepTo(10);
            }
        });
        assertTrue(text.isEmpty(), text);
    }

    private interface Work {
        void run() throws InterruptedException;
    }

    private static String captured(Work work) throws InterruptedException {
        PrintStream saved = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            work.run();
        } finally {
            System.setErr(saved);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
