package org.feynet.cli;

/** Option checks that fail with one clear line. */
final class Checks {

    private Checks() {}

    static void positive(String option, long value) {
        atLeast(option, value, 1);
    }

    static void atLeast(String option, long value, long minimum) {
        if (value < minimum) {
            throw new UserError(option + " must be at least " + minimum + " (got " + value + ")");
        }
    }
}
