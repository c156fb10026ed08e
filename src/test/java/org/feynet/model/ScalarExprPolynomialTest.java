package org.feynet.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalInt;
import org.feynet.lang.ModelReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link ScalarExpr#polynomialDegree} on activations as a model file writes them. */
class ScalarExprPolynomialTest {

    private static ScalarExpr parse(String expression) {
        String text = "network t {\n  width n\n  depth L = 2\n  activation sigma(z) = " + expression + "\n"
                + "  init b ~ normal(0, Cb), W ~ normal(0, Cw/n) with Cb = 0, Cw = 1\n  input gram [[1.0]]\n"
                + "  z[l+1] = b[l+1] + W[l+1] . sigma(z[l])   for l = 1 .. L-1\n}\nderive metric to order 1/n\n";
        return ModelReader.parse("t.fnet", text).networks().get(0).activation().expression();
    }

    /** Degree -1 stands for "not a polynomial" (or one of degree above ScalarExpr.MAX_POLYNOMIAL_DEGREE = 32). */
    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {"z + z^3; 3", "0.5*z^2 - z/4; 2", "(z + 1)^2 * z; 3", "exp(1) * z; 1",
        "-z^4 + 2; 4", "z^0; 0", "z^32; 32", "(z^4)^8; 32", "z^33; -1", "(z^4)^9; -1", "((z^64)^64)^64; -1",
        "z^1e300; -1", "z^17 * z^16; -1", "tanh(z); -1", "z^0.5; -1", "1/z; -1", "z^z; -1", "z * tanh(z); -1", "z^2/(1 + z); -1"})
    void degreeOfPolynomialsOnly(String expression, int degree) {
        OptionalInt d = ScalarExpr.polynomialDegree(parse(expression));
        assertEquals(degree, d.isPresent() ? d.getAsInt() : -1, expression);
    }
}
