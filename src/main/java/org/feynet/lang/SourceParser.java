package org.feynet.lang;

import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;
import org.feynet.lang.antlr.FnetLexer;
import org.feynet.lang.antlr.FnetParser;

/** Text to syntax tree: runs the ANTLR lexer and parser, stopping at the first syntax error. */
final class SourceParser {

    /**
     * The deepest bracket nesting accepted. The parser and every later pass recurse once per level, so a file
     * nested deeper (a fuzzer's 20 000 parentheses) would exhaust the stack; no model needs more than a few levels.
     */
    static final int MAX_NESTING = 64;

    private SourceParser() {}

    /** The syntax tree of {@code text}; a {@link SourceError} names the first syntax error. */
    static SourceFile parse(String fileName, String text) {
        SyntaxErrors errors = new SyntaxErrors(fileName);
        FnetLexer lexer = new FnetLexer(CharStreams.fromString(text, fileName));
        lexer.removeErrorListeners();
        lexer.addErrorListener(errors);
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        tokens.fill();
        checkNesting(fileName, tokens);
        return new AstBuilder(fileName).file(parseTree(tokens, errors));
    }

    /**
     * The parse tree, in ANTLR's two stages: first with SLL prediction, which needs no full-context lookahead and is
     * quicker (a run's first parse builds its prediction tables from nothing, a visible part of start-up), bailing
     * out at the first error; only then again with full LL prediction and the error listener. ANTLR documents that
     * SLL prediction either returns the same tree as LL or reports an error (PredictionMode.SLL), so the result and
     * the messages are those of a plain LL parse.
     */
    private static FnetParser.FileContext parseTree(CommonTokenStream tokens, SyntaxErrors errors) {
        FnetParser parser = new FnetParser(tokens);
        parser.removeErrorListeners();
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        parser.setErrorHandler(new BailErrorStrategy());
        try {
            return parser.file();
        } catch (ParseCancellationException needsFullContextOrHasAnError) {
            tokens.seek(0);
            parser.reset();
            parser.addErrorListener(errors);
            parser.setErrorHandler(new DefaultErrorStrategy());
            parser.getInterpreter().setPredictionMode(PredictionMode.LL);
            return parser.file();
        }
    }

    /**
     * Refuses nesting deeper than {@link #MAX_NESTING}, at the first token beyond the limit. A level is a bracket,
     * a power {@code ^} or a unary minus: each nests the rest of its operand one level deeper in the syntax tree
     * (until the operand ends at a binary operator, a comma or the closing bracket).
     */
    private static void checkNesting(String fileName, CommonTokenStream tokens) {
        java.util.ArrayDeque<Integer> saved = new java.util.ArrayDeque<>();
        int depth = 0;
        int chain = 0;
        String previous = "(";
        for (Token token : tokens.getTokens()) {
            String text = token.getText();
            switch (text) {
                case "(", "[", "{" -> {
                    saved.push(depth);
                    depth = depth + chain + 1;
                    chain = 0;
                }
                case ")", "]", "}" -> {
                    depth = saved.isEmpty() ? 0 : saved.pop();
                    chain = 0;
                }
                case "^" -> chain++;
                case "-" -> chain = OPERAND_STARTS.contains(previous) ? chain + 1 : 0;
                case "+", "*", "/", ".", "," -> chain = 0;
                default -> { }
            }
            if (depth + chain > MAX_NESTING) {
                throw new SourceError(new Position(fileName, token.getLine(), token.getCharPositionInLine() + 1),
                        "expression nested deeper than " + MAX_NESTING + " levels (brackets, powers and signs)",
                        "write it with fewer nested brackets");
            }
            previous = text;
        }
    }

    /** Tokens after which a minus sign is unary. */
    private static final java.util.Set<String> OPERAND_STARTS =
            java.util.Set.of("(", "[", "{", ",", "=", "~", "+", "-", "*", "/", ".", "^");
}
