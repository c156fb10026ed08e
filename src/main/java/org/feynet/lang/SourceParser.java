package org.feynet.lang;

import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.feynet.lang.antlr.FnetLexer;
import org.feynet.lang.antlr.FnetParser;

/** Text to syntax tree: runs the ANTLR lexer and parser, stopping at the first syntax error. */
final class SourceParser {

    private SourceParser() {}

    /** The syntax tree of {@code text}; a {@link SourceError} names the first syntax error. */
    static SourceFile parse(String fileName, String text) {
        SyntaxErrors errors = new SyntaxErrors(fileName);
        FnetLexer lexer = new FnetLexer(CharStreams.fromString(text, fileName));
        lexer.removeErrorListeners();
        lexer.addErrorListener(errors);
        FnetParser parser = new FnetParser(new CommonTokenStream(lexer));
        parser.removeErrorListeners();
        parser.addErrorListener(errors);
        return new AstBuilder(fileName).file(parser.file());
    }
}
