package org.feynet.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * A token of a recursion file: a name (letters and digits), a number (digits, maybe a decimal point), or one
 * character of {@code = + - * / ^ ( ) [ ] < > { } ' _ ,}. Comments run from {@code #} to the end of the line.
 *
 * @param kind   what it is
 * @param text   its text
 * @param line   1-based line
 * @param column 1-based column
 * @param first  whether it is the first token on its line
 */
record Token(Kind kind, String text, int line, int column, boolean first) {

    enum Kind { NAME, NUMBER, SYMBOL, END }

    boolean is(String symbol) {
        return kind == Kind.SYMBOL && text.equals(symbol);
    }

    boolean isName(String name) {
        return kind == Kind.NAME && text.equals(name);
    }

    /** The tokens of {@code text}, ending with an END token. */
    static List<Token> scan(String file, String text) {
        List<Token> out = new ArrayList<>();
        int line = 1;
        int column = 1;
        boolean first = true;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                column = 1;
                first = true;
                i++;
            } else if (Character.isWhitespace(c)) {
                column++;
                i++;
            } else if (c == '#') {
                while (i < text.length() && text.charAt(i) != '\n') {
                    i++;
                }
            } else {
                int start = i;
                Kind kind;
                if (Character.isLetter(c)) {
                    while (i < text.length() && Character.isLetterOrDigit(text.charAt(i))) {
                        i++;
                    }
                    kind = Kind.NAME;
                } else if (Character.isDigit(c) || c == '.') {
                    while (i < text.length() && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.')) {
                        i++;
                    }
                    kind = Kind.NUMBER;
                } else if ("=+-*/^()[]<>{}'_,".indexOf(c) >= 0) {
                    i++;
                    kind = Kind.SYMBOL;
                } else {
                    throw new RecursionError(file, line, column, "unexpected character '" + c + "'",
                            "a recursion is written with names, numbers and = + - * / ^ ( ) [ ] < > { } ' _");
                }
                out.add(new Token(kind, text.substring(start, i), line, column, first));
                column += i - start;
                first = false;
            }
        }
        out.add(new Token(Kind.END, "end of file", line, column, true));
        return out;
    }
}
