package org.feynet.lang;

import java.util.List;

/**
 * An expression as written: arithmetic, calls, indexing, the contraction {@code W . x} and bracketed
 * lists. Each node is positioned at the start of its text. What an expression may contain depends
 * on where it stands; the checker decides that.
 */
sealed interface Expr extends Node {

    /** A literal number such as 1, 0.5 or 1e-3. */
    record Number(Position position, double value, String text) implements Expr {}

    /** A bare name: a hyperparameter, the width, a variable, ... */
    record Symbol(Position position, String name) implements Expr {}

    /** {@code -operand}. */
    record Negate(Position position, Expr operand) implements Expr {}

    /** {@code left op right}. */
    record Binary(Position position, Operator operator, Expr left, Expr right) implements Expr {}

    /** {@code function(arguments)}. */
    record Call(Position position, Name function, List<Expr> arguments) implements Expr {
        public Call {
            arguments = List.copyOf(arguments);
        }
    }

    /** {@code name[index]}: a layer of a pre-activation or parameter, or a component of a field. */
    record Index(Position position, Name name, Expr index) implements Expr {}

    /** {@code [e1, e2, ...]}; a matrix is a list of lists. */
    record ListLiteral(Position position, List<Expr> elements) implements Expr {
        public ListLiteral {
            elements = List.copyOf(elements);
        }
    }

    /** The binary operators, loosest first: + and -, then * / and the contraction '.', then ^. */
    enum Operator {
        ADD("+"), SUBTRACT("-"), MULTIPLY("*"), DIVIDE("/"), CONTRACT("."), POWER("^");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        String symbol() {
            return symbol;
        }

        static Operator of(String symbol) {
            for (Operator operator : values()) {
                if (operator.symbol.equals(symbol)) {
                    return operator;
                }
            }
            throw new IllegalArgumentException(symbol);
        }
    }
}
