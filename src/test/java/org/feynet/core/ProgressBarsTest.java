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
    void offATerminalProgressIsPlainLines() {
        assertFalse(ProgressBars.interactive(), "the test runner has no console");
        PrintStream saved = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            try (ProgressBar bar = ProgressBars.start("work", 10, " items")) {
                bar.stepTo(10);
            }
        } finally {
            System.setErr(saved);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("10/10 items"), text);
        assertFalse(text.contains("\r"), text);
        assertFalse(text.contains("\u001b"), text);
        assertTrue(text.lines().allMatch(line -> line.startsWith("work")), text);
    }
}
