package org.feynet.lang;

import java.util.Optional;

/**
 * A layer index as written in a layer equation: {@code l+1}, {@code l}, {@code l-1} (the loop variable
 * plus an offset) or a fixed layer such as {@code 1}.
 *
 * @param variable whether the index uses the loop variable
 * @param offset   what is added to it (or the layer itself when there is no variable)
 */
record LayerIndex(boolean variable, int offset) {

    /**
     * Reads {@code index}; {@code loop} is the loop variable of the equation, if it has a range.
     * Anything but a number, the variable, or the variable plus or minus a number is an error.
     */
    static LayerIndex of(Expr index, Optional<String> loop) {
        if (index instanceof Expr.Number n && n.value() == Math.rint(n.value())) {
            return new LayerIndex(false, (int) n.value());
        }
        if (index instanceof Expr.Symbol s) {
            requireLoop(s, loop);
            return new LayerIndex(true, 0);
        }
        if (index instanceof Expr.Binary b && b.left() instanceof Expr.Symbol s && b.right() instanceof Expr.Number n
                && n.value() == Math.rint(n.value())
                && (b.operator() == Expr.Operator.ADD || b.operator() == Expr.Operator.SUBTRACT)) {
            requireLoop(s, loop);
            int offset = (int) n.value();
            return new LayerIndex(true, b.operator() == Expr.Operator.ADD ? offset : -offset);
        }
        throw new SourceError(index.position(), "unexpected layer index '" + ExprText.of(index)
                + "', expected one such as l, l+1, l-1 or 1");
    }

    /**
     * Component-wise equality, as the record's generated method; written out because the generated one is linked at
     * run time, which costs the JVM several milliseconds of start-up on its first call (docs/BENCHMARKS.md).
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof LayerIndex other && variable == other.variable && offset == other.offset;
    }

    @Override
    public int hashCode() {
        return 31 * Boolean.hashCode(variable) + offset;
    }

    /** The layer this index names when the loop variable is {@code l}. */
    int at(int l) {
        return (variable ? l : 0) + offset;
    }

    /** This index moved by {@code delta} layers. */
    LayerIndex shift(int delta) {
        return new LayerIndex(variable, offset + delta);
    }

    /** The index as source text, with {@code loop} the loop variable: "l+1", "l", "1". */
    String text(String loop) {
        if (!variable) {
            return Integer.toString(offset);
        }
        if (offset == 0) {
            return loop;
        }
        return loop + (offset > 0 ? "+" : "-") + Math.abs(offset);
    }

    private static void requireLoop(Expr.Symbol symbol, Optional<String> loop) {
        if (loop.isEmpty()) {
            throw new SourceError(symbol.position(), "undefined layer index '" + symbol.name()
                    + "', expected a number or a range 'for " + symbol.name() + " = ..' after the equation");
        }
        if (!loop.get().equals(symbol.name())) {
            throw new SourceError(symbol.position(), "undefined layer index '" + symbol.name()
                    + "', expected the loop variable " + loop.get());
        }
    }
}
