package org.feynet.lang;

import static org.feynet.lang.Sources.error;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.feynet.model.Closure;
import org.feynet.model.ResidualModel;
import org.junit.jupiter.api.Test;

/** Residual networks in the language: the form, the scales, the closure statement and the one-line errors. */
class ResidualLanguageTest {

    /** resnet_tanh of the spec, renamed r, depth 4, in t.fnet. */
    static final String RESNET = "network r {\n"
            + "  width n\n"
            + "  depth L = 4\n"
            + "  activation sigma(z) = tanh(z)\n"
            + "  init b ~ normal(0, Cb), W ~ normal(0, Cw/n) with Cb = 0.1, Cw = 1.5\n"
            + "  input gram [[1.0, 0.5], [0.5, 0.8]]\n"
            + "  z[l+1] = z[l] + eps * (b[l+1] + W[l+1] . sigma(z[l]))   for l = 0 .. L-1\n"
            + "  with eps = 0.25\n"
            + "}\n"
            + "derive metric to order 1/n\n";

    private static String with(String from, String to) {
        assertTrue(RESNET.contains(from), from);
        return RESNET.replace(from, to);
    }

    private static ResidualModel resnet(String text) {
        return ModelReader.parse("t.fnet", text).residuals().get(0);
    }

    @Test
    void theSpecFormLowersWithItsScaleAndTheExactClosureByDefault() {
        ResidualModel m = resnet(RESNET);
        assertEquals(4, m.depth());
        assertArrayEquals(new double[] {0.25, 0.25, 0.25, 0.25}, m.eps());
        assertEquals(0.1, m.cb());
        assertEquals(1.5, m.cw());
        assertEquals(Closure.EXACT, m.closure());
        assertEquals(0.5, m.gramCopy()[0][1]);
    }

    @Test
    void sumsAndProductInEitherOrderAndAMissingScaleMeanTheSame() {
        assertArrayEquals(new double[] {0.25, 0.25, 0.25, 0.25},
                resnet(with("z[l] + eps * (b[l+1] + W[l+1] . sigma(z[l]))", "(W[l+1] . sigma(z[l]) + b[l+1]) * eps + z[l]"))
                        .eps());
        assertArrayEquals(new double[] {1, 1, 1, 1},
                resnet(with("z[l] + eps * (b[l+1] + W[l+1] . sigma(z[l]))", "z[l] + b[l+1] + W[l+1] . sigma(z[l])")
                        .replace("  with eps = 0.25\n", "")).eps());
    }

    @Test
    void perLayerScalesComeFromAList() {
        ResidualModel m = resnet(with("eps * (", "eps[l] * (").replace("with eps = 0.25", "with eps = [0.1, 0.2, 0.3, 0.4]"));
        assertArrayEquals(new double[] {0.1, 0.2, 0.3, 0.4}, m.eps());
        assertEquals("t.fnet:8:14: the per-layer scale eps has 3 entries, expected one per residual block (4)",
                error(with("eps * (", "eps[l] * (").replace("with eps = 0.25", "with eps = [0.1, 0.2, 0.3]")));
    }

    @Test
    void theClosureStatementSelectsTheState() {
        for (Closure c : Closure.values()) {
            assertEquals(c, resnet(with("  with eps = 0.25\n", "  with eps = 0.25\n  closure " + c.keyword() + "\n"))
                    .closure());
        }
    }

    @Test
    void aNonPositiveScaleIsOneLine() {
        assertEquals("t.fnet:7:19: residual scale eps = 0 is not positive, expected eps > 0",
                error(with("with eps = 0.25", "with eps = 0")));
        assertEquals("t.fnet:7:19: residual scale eps = -0.5 is not positive, expected eps > 0",
                error(with("with eps = 0.25", "with eps = -0.5")));
    }

    @Test
    void anUnknownClosureIsOneLineWithASuggestion() {
        assertEquals("t.fnet:9:11: unknown closure 'rg', expected one of G, Gproj, RG, RGM, exact (hint: did you mean closure RG?)",
                error(with("  with eps = 0.25\n", "  with eps = 0.25\n  closure rg\n")));
        assertEquals("t.fnet:9:11: unknown closure 'GG', expected one of G, Gproj, RG, RGM, exact",
                error(with("  with eps = 0.25\n", "  with eps = 0.25\n  closure GG\n")));
    }

    @Test
    void rawInputsDoNotMatchTheStream() {
        String text = with("input gram [[1.0, 0.5], [0.5, 0.8]]", "input x = [[1.0, 0.5, 2.0], [0.5, 0.8, 1.0]]");
        String message = error(text);
        assertTrue(message.startsWith("t.fnet:6:3: residual stream dimension mismatch: the raw inputs have dimension n0 = 3"
                + " but the stream z[0] has width n"), message);
    }

    @Test
    void aClosureOnAnMlpIsRefused() {
        String mlp = Sources.mlpWith("  z[l+1]", "  closure RG\n  z[l+1]");
        assertEquals("t.fnet:7:3: a closure applies to residual networks, and m has no skip connection "
                + "(hint: remove the closure statement)", error(mlp));
    }

    @Test
    void aLayerZeroEquationIsRefused() {
        assertTrue(error(with("for l = 0 .. L-1", "for l = -1 .. L-1")).contains("layer 0 is the residual stream given by"
                + " the gram input"));
    }
}
