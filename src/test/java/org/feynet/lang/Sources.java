package org.feynet.lang;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.feynet.model.MlpModel;

/** A valid model file to edit into invalid ones, and the message a text fails with. */
final class Sources {

    /** mlp_tanh of the spec, renamed m, in t.fnet. */
    static final String MLP = "network m {\n"
            + "  width n\n"
            + "  depth L = 10\n"
            + "  activation sigma(z) = tanh(z)\n"
            + "  init b ~ normal(0, Cb), W ~ normal(0, Cw/n) with Cb = 0, Cw = 1\n"
            + "  input gram [[1.0, 0.5], [0.5, 0.8]]\n"
            + "  z[l+1] = b[l+1] + W[l+1] . sigma(z[l])   for l = 1 .. L-1\n"
            + "}\n"
            + "derive metric to order 1/n\n";

    private Sources() {}

    /** MLP with the one occurrence of {@code from} replaced by {@code to}. */
    static String mlpWith(String from, String to) {
        assertTrue(MLP.contains(from), from);
        return MLP.replace(from, to);
    }

    /** The network that {@code text} lowers to. */
    static MlpModel network(String text) {
        return ModelReader.parse("t.fnet", text).networks().get(0);
    }

    /** The message of the error that {@code text} gives. */
    static String error(String text) {
        return assertThrows(SourceError.class, () -> ModelReader.parse("t.fnet", text)).getMessage();
    }
}
