package org.feynet.lang;

import static org.feynet.lang.Sources.MLP;
import static org.feynet.lang.Sources.error;
import static org.feynet.lang.Sources.mlpWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SyntaxErrorTest {

    @Test
    void aMissingParenthesisIsReportedAtTheEndOfItsLine() {
        assertEquals("t.fnet:4:31: expected ')' after arguments, found end of line",
                error(mlpWith("tanh(z)", "tanh(z")));
    }

    @Test
    void aNumberWhereTheWidthSymbolBelongsNamesTheSymbol() {
        assertEquals("t.fnet:2:9: expected a name for the width, such as n, found number 3", error(mlpWith("width n", "width 3")));
    }

    @Test
    void aNumberWhereTheDepthSymbolBelongsNamesTheSymbol() {
        assertEquals("t.fnet:3:9: expected a name for the depth, such as L, found number 5",
                error(mlpWith("depth L = 10", "depth 5 = 3")));
    }

    @Test
    void aNumberWhereTheActivationVariableBelongsNamesTheVariable() {
        assertEquals("t.fnet:4:20: expected the activation's variable, such as z, found number 2",
                error(mlpWith("sigma(z) =", "sigma(2) =")));
    }

    @Test
    void aKeywordIsNotAName() {
        assertEquals("t.fnet:2:9: expected a name for the width, such as n, found 'order'",
                error(mlpWith("width n", "width order")));
    }

    @Test
    void aMisspelledStatementIsReportedAsAnExpectedStatement() {
        assertEquals("t.fnet:2:3: expected a statement (width, depth, activation, features, init, with, learning rates,"
                + " input, closure, output or a layer equation z[..] = ...), found name 'widht'", error(mlpWith("width n", "widht n")));
    }

    @Test
    void aMissingValueIsAnExpectedExpression() {
        assertEquals("t.fnet:3:12: expected an expression, found end of line", error(mlpWith("depth L = 10", "depth L =")));
        assertEquals("t.fnet:4:34: expected an expression, found end of line", error(mlpWith("tanh(z)", "tanh(z) +")));
    }

    @Test
    void missingPunctuationIsNamed() {
        assertEquals("t.fnet:3:11: expected '=', found number 10", error(mlpWith("depth L = 10", "depth L 10")));
        assertEquals("t.fnet:5:10: expected '~' or '[', found name 'normal'", error(mlpWith("b ~ normal", "b normal")));
        assertEquals("t.fnet:7:43: expected ']' after the index, found 'for'", error(mlpWith("b[l+1] +", "b[l+1 +")));
        assertEquals("t.fnet:9:18: expected 'order', found number 1", error(mlpWith("to order 1/n", "to 1/n")));
    }

    @Test
    void anUnknownCharacterIsReportedWhereItStands() {
        assertEquals("t.fnet:3:15: unexpected character ';', expected a name, a number, an operator or a bracket "
                + "(hint: comments start with '#')", error(mlpWith("depth L = 10", "depth L = 10;")));
    }

    @Test
    void aFileMayNotStartWithADeriveLine() {
        assertEquals("t.fnet:1:1: expected 'network', 'theory', 'train' or end of file, found 'derive'",
                error("derive metric to order 1/n\n" + MLP));
    }

    @Test
    void anUnclosedBlockEndsAtTheEndOfTheFile() {
        assertEquals("t.fnet:8:1: expected a statement or '}', found end of file",
                error(mlpWith("}\nderive metric to order 1/n\n", "")));
    }

    @Test
    void anIndexedFieldNeedsItsRange() {
        assertEquals("t.fnet:2:15: expected ', i = 1 .. N' after the indexed field, found end of line",
                error("theory t {\n  field phi[i]\n  action S = phi[i]^2\n}\n"));
    }

    @Test
    void aSyntaxErrorCarriesItsPartsSeparately() {
        SourceError e = assertThrows(SourceError.class, () -> ModelReader.parse("t.fnet", mlpWith("width n", "width 3")));
        assertEquals("t.fnet", e.file());
        assertEquals(2, e.line());
        assertEquals(9, e.column());
        assertEquals("expected a name for the width, such as n, found number 3", e.detail());
        assertEquals(Optional.empty(), e.hint());
    }
}
