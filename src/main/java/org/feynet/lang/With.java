package org.feynet.lang;

import java.util.List;

/**
 * {@code with Cb = 0, Cw = 1}: hyperparameter values. The clause may follow another statement on the
 * same line or stand on its own line; either way its names hold in the whole block.
 */
record With(Position position, List<Binding> bindings) implements NetworkStatement, TheoryStatement, TrainStatement {
    With {
        bindings = List.copyOf(bindings);
    }
}
