package org.feynet.lang;

import java.util.List;
import java.util.Optional;

/** A statement inside {@code theory NAME { ... }}. */
sealed interface TheoryStatement extends Node permits
        TheoryStatement.Field, TheoryStatement.Coupling, TheoryStatement.Action, With {

    /**
     * {@code field phi}, or {@code field phi[i], i = 1 .. N}: a field with N components; {@code index}
     * is the name inside the brackets, {@code range} the declaration after the comma.
     */
    record Field(Position position, Name name, Optional<Name> index, Optional<Range> range)
            implements TheoryStatement {}

    /** {@code coupling g, h}: the expansion parameters. */
    record Coupling(Position position, List<Name> names) implements TheoryStatement {
        public Coupling {
            names = List.copyOf(names);
        }
    }

    /** {@code action S = ...}: the action; repeated indices are summed. */
    record Action(Position position, Name name, Expr body) implements TheoryStatement {}
}
