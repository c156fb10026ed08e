package org.feynet.lang;

import java.util.Optional;

/**
 * A mistake in a model file, located at a file, line and column (both 1-based), or at a whole file when
 * the file could not be read (then line and column are 0). Its message is one line:
 * {@code file:line:col: what was wrong, what was expected (hint: ...)}.
 */
public final class SourceError extends RuntimeException {

    private final String file;
    private final int line;
    private final int column;
    private final String detail;
    private final String hint;

    SourceError(Position at, String detail) {
        this(at, detail, null);
    }

    SourceError(Position at, String detail, String hint) {
        this(at.file(), at.line(), at.column(), detail, hint);
    }

    private SourceError(String file, int line, int column, String detail, String hint) {
        super(format(file, line, column, detail, hint));
        this.file = file;
        this.line = line;
        this.column = column;
        this.detail = detail;
        this.hint = hint;
    }

    /** The file {@code path} could not be read, for {@code reason} ("no such file"). */
    static SourceError unreadable(String path, String reason) {
        return new SourceError(path, 0, 0, "cannot read model file (" + reason + ")", null);
    }

    /** The file name as given to the reader. */
    public String file() {
        return file;
    }

    /** The 1-based line, or 0 when the error concerns the whole file. */
    public int line() {
        return line;
    }

    /** The 1-based column, or 0 when the error concerns the whole file. */
    public int column() {
        return column;
    }

    /** What was wrong and what was expected, without location or hint. */
    public String detail() {
        return detail;
    }

    /** A suggestion for fixing the mistake, if there is one. */
    public Optional<String> hint() {
        return Optional.ofNullable(hint);
    }

    private static String format(String file, int line, int column, String detail, String hint) {
        String location = line > 0 ? file + ":" + line + ":" + column : file;
        return location + ": " + detail + (hint == null ? "" : " (hint: " + hint + ")");
    }
}
