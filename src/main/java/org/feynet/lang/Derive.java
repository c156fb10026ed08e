package org.feynet.lang;

import java.util.List;
import java.util.Optional;

/**
 * {@code derive target, ... to order ORDER}: what to compute about the preceding block, and to which order.
 * {@code order} is null when the line has no {@code to order} clause ({@code derive dynamics} after a train block).
 */
record Derive(Position position, List<Target> targets, Expr order) implements Node {
    Derive {
        targets = List.copyOf(targets);
    }

    /** The {@code to order} clause, if the line has one. */
    Optional<Expr> orderClause() {
        return Optional.ofNullable(order);
    }

    /** The order of a network's or theory's derive line, which must have one. */
    Expr requiredOrder() {
        if (order == null) {
            Target last = targets.get(targets.size() - 1);
            throw new SourceError(last.position(), "derive line without an order, expected 'to order 1/n' or 'to order 1/n^k'"
                    + " after its targets");
        }
        return order;
    }
}
