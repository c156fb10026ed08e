package org.feynet.lang;

import java.util.List;
import java.util.Optional;

/** One thing a derive line asks for. */
sealed interface Target extends Node {

    /** A name: an observable of a network ({@code metric}, {@code ntk}, ...) or {@code Z} of a theory. */
    record Named(Position position, Name name) implements Target {}

    /** {@code log Z}. */
    record Log(Position position, Name name) implements Target {}

    /**
     * {@code <phi phi>} or {@code <phi[1] phi[1]>}: a correlator of fields (each an {@link Expr.Symbol} or
     * {@link Expr.Index}); {@code <...>_c} has the suffix {@code c} and means the connected part.
     */
    record Correlator(Position position, List<Expr> fields, Optional<Name> suffix) implements Target {
        public Correlator {
            fields = List.copyOf(fields);
        }
    }
}
