package org.feynet.numerics;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Relative-or-absolute closeness, as in the accuracy statements of the engines. */
final class Assertions2 {

    private Assertions2() {
    }

    static void assertClose(double expected, double actual, double rel, double abs, String what) {
        double err = Math.abs(actual - expected);
        assertTrue(err <= Math.max(rel * Math.abs(expected), abs),
            what + ": expected " + expected + ", got " + actual + " (error " + err + ")");
    }
}
