package org.feynet.audit;

/**
 * A mistake in a recursion file, located at a file, line and column (1-based): one line
 * {@code file:line:col: what was wrong (hint: ...)}.
 */
public final class RecursionError extends RuntimeException {

    RecursionError(String file, int line, int column, String detail, String hint) {
        super(file + ":" + line + ":" + column + ": " + detail + (hint == null ? "" : " (hint: " + hint + ")"));
    }

    RecursionError(Token at, String file, String detail, String hint) {
        this(file, at.line(), at.column(), detail, hint);
    }
}
