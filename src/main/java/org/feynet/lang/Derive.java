package org.feynet.lang;

import java.util.List;

/** {@code derive target, ... to order ORDER}: what to compute about the preceding block, and to which order. */
record Derive(Position position, List<Target> targets, Expr order) implements Node {
    Derive {
        targets = List.copyOf(targets);
    }
}
