package org.feynet.lang;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenStream;
import org.antlr.v4.runtime.Vocabulary;
import org.antlr.v4.runtime.misc.IntervalSet;
import org.feynet.lang.antlr.FnetParser;

/**
 * Turns ANTLR's reports into one-line {@link SourceError}s and throws at the first one. A message reads
 * {@code expected WHAT, found WHAT}: WHAT is expected comes from the rule being parsed when that rule
 * holds a single name ("a name for the width, such as n"), else from the tokens ANTLR expected.
 * When a statement breaks off at the end of a line, the error is placed just after its last token.
 */
final class SyntaxErrors extends BaseErrorListener {

    /** What each single-name rule of the grammar expects. */
    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(FnetParser.RULE_blockName, "a block name"),
            Map.entry(FnetParser.RULE_widthSymbol, "a name for the width, such as n"),
            Map.entry(FnetParser.RULE_depthSymbol, "a name for the depth, such as L"),
            Map.entry(FnetParser.RULE_activationName, "an activation name, such as sigma or relu"),
            Map.entry(FnetParser.RULE_parameter, "the activation's variable, such as z"),
            Map.entry(FnetParser.RULE_parameterName, "a parameter name, such as b or W"),
            Map.entry(FnetParser.RULE_distribution, "a distribution, normal or bernoulli"),
            Map.entry(FnetParser.RULE_inputName, "a name for the inputs, such as x"),
            Map.entry(FnetParser.RULE_rangeVariable, "an index name, such as l"),
            Map.entry(FnetParser.RULE_bindingName, "a hyperparameter name"),
            Map.entry(FnetParser.RULE_fieldName, "a field name, such as phi"),
            Map.entry(FnetParser.RULE_couplingName, "a coupling name, such as g"),
            Map.entry(FnetParser.RULE_actionName, "a name for the action, such as S"),
            Map.entry(FnetParser.RULE_functionName, "a function name"),
            Map.entry(FnetParser.RULE_closureName, "a closure: G, RG, RGM or exact"),
            Map.entry(FnetParser.RULE_featureName, "a name for the feature map, such as gamma"),
            Map.entry(FnetParser.RULE_matrix, "a matrix such as [[1.0, 0.5], [0.5, 0.8]]"));

    private static final String STATEMENT =
            "a statement (width, depth, activation, features, init, with, learning rates, input, closure, output or a"
                    + " layer equation z[..] = ...)";

    private final String file;

    SyntaxErrors(String file) {
        this.file = file;
    }

    @Override
    public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int charPositionInLine,
            String msg, RecognitionException e) {
        if (recognizer instanceof Parser parser) {
            throw parserError(parser, (Token) offendingSymbol, e);
        }
        Position at = new Position(file, line, charPositionInLine + 1);
        int quote = msg.indexOf("at: ");
        String character = quote < 0 ? "" : " " + msg.substring(quote + 4);
        throw new SourceError(at, "unexpected character" + character
                + ", expected a name, a number, an operator or a bracket", "comments start with '#'");
    }

    private SourceError parserError(Parser parser, Token found, RecognitionException e) {
        ParserRuleContext ctx = e != null && e.getCtx() instanceof ParserRuleContext c ? c : parser.getContext();
        IntervalSet expected = e != null ? e.getExpectedTokens() : parser.getExpectedTokens();
        Token previous = previous(parser, found);
        if (ctx instanceof FnetParser.LayerContext && ctx.getStart() == previous) {
            return new SourceError(position(previous), "expected " + STATEMENT + ", found " + describe(previous));
        }
        String what = "expected " + expected(ctx, found, expected, parser.getVocabulary());
        if (previous != null && previous.getLine() < found.getLine() && found.getType() != Token.EOF
                && !atBlockLevel(ctx)) {
            Position end = new Position(file, previous.getLine(),
                    previous.getCharPositionInLine() + previous.getText().length() + 1);
            return new SourceError(end, what + ", found end of line");
        }
        return new SourceError(position(found), what + ", found " + describe(found));
    }

    private static String expected(ParserRuleContext ctx, Token found, IntervalSet expected, Vocabulary vocabulary) {
        String name = NAMES.get(ctx.getRuleIndex());
        if (name != null && ctx.getStart() == found) {
            return name;
        }
        if (ctx instanceof FnetParser.CallAtomContext && expected.contains(FnetParser.RPAREN)) {
            return "')' after arguments";
        }
        if ((ctx instanceof FnetParser.IndexAtomContext || ctx instanceof FnetParser.LayerContext)
                && expected.contains(FnetParser.RBRACKET)) {
            return "']' after the index";
        }
        List<String> items = new ArrayList<>();
        for (int type : expected.toArray()) {
            items.add(describe(type, vocabulary));
        }
        if (items.contains("'width'") || items.contains("'field'")) {
            return "a statement or '}'";
        }
        if (ctx instanceof FnetParser.FieldStatementContext && items.contains("','")) {
            return "', i = 1 .. N' after the indexed field";
        }
        if (items.contains("a number") && items.contains("'('")) {
            return "an expression";
        }
        return join(items);
    }

    private static String describe(int type, Vocabulary vocabulary) {
        if (type == Token.EOF) {
            return "end of file";
        }
        if (type == FnetParser.NUMBER) {
            return "a number";
        }
        if (type == FnetParser.ID) {
            return "a name";
        }
        return vocabulary.getLiteralName(type);
    }

    private static String describe(Token token) {
        if (token.getType() == Token.EOF) {
            return "end of file";
        }
        if (token.getType() == FnetParser.NUMBER) {
            return "number " + token.getText();
        }
        if (token.getType() == FnetParser.ID) {
            return "name '" + token.getText() + "'";
        }
        return "'" + token.getText() + "'";
    }

    private static String join(List<String> items) {
        if (items.remove("end of file")) {
            items.add("end of file");
        }
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " or " + items.get(items.size() - 1);
    }

    private static boolean atBlockLevel(ParserRuleContext ctx) {
        return ctx instanceof FnetParser.FileContext || ctx instanceof FnetParser.BlockContext
                || ctx instanceof FnetParser.NetworkContext || ctx instanceof FnetParser.TheoryContext
                || ctx instanceof FnetParser.NetworkStatementContext
                || ctx instanceof FnetParser.TheoryStatementContext;
    }

    private static Token previous(Parser parser, Token token) {
        int index = token.getTokenIndex();
        return index > 0 ? ((TokenStream) parser.getInputStream()).get(index - 1) : null;
    }

    private Position position(Token token) {
        return new Position(file, token.getLine(), token.getCharPositionInLine() + 1);
    }
}
