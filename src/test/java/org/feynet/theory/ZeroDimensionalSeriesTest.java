package org.feynet.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.Map;
import java.util.TreeMap;
import org.feynet.core.Combinatorics;
import org.feynet.core.Fractions;
import org.feynet.lang.ModelReader;
import org.feynet.model.FieldTheory;
import org.feynet.model.TheoryRequest;
import org.feynet.theory.GaussianReference.Q;
import org.feynet.theory.GaussianReference.Series;
import org.hipparchus.fraction.BigFraction;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * docs/VALIDATION.md: the sums over diagrams of value / symmetry factor equal, coefficient by coefficient as exact
 * rationals, the series of the exact integrals (expanded independently in {@link GaussianReference}).
 */
class ZeroDimensionalSeriesTest {

    private static final String PHI4 = "theory phi4 {\n  field phi\n  coupling g\n  action S = phi^2/2 + g/24 * phi^4\n}\n"
            + "derive Z, log Z, <phi phi>, Sigma, <phi phi phi phi>_c to order g^8\n";
    private static final String PHI3 = "theory phi3 {\n  field phi\n  coupling g\n  action S = phi^2/2 + g/6 * phi^3\n}\n"
            + "derive Z, log Z, <phi phi>, <phi phi>_c, Sigma, <phi phi phi phi>_c to order g^8\n";
    private static final String BOTH = "theory phi34 {\n  field phi\n  coupling g, h\n"
            + "  action S = phi^2/2 + g/6 * phi^3 + h/24 * phi^4\n}\n"
            + "derive Z, log Z, <phi phi>, <phi phi>_c, Sigma, <phi phi phi phi>_c to order g^5\n";

    @Test
    void phi4VacuumSeriesMatchesExactIntegralThroughOrder8() {
        Map<String, TheoryResult> r = results(PHI4);
        GaussianReference ref = new GaussianReference(new Q[] {Q.of(1, 24)}, new long[][] {{4, 1}}, 1, 8);
        assertSame(ref.moment(0), r.get("Z").series());
        assertSame(ref.moment(0).log(), r.get("log Z").series());
        // the closed form of the brief: Z(g)/Z(0) = sum_k (-g/24)^k (4k-1)!!/k!
        for (int k = 0; k <= 8; k++) {
            BigInteger num = GaussianReference.doubleFactorial(4 * k - 1).multiply(BigInteger.valueOf(k % 2 == 0 ? 1 : -1));
            BigInteger den = BigInteger.valueOf(24).pow(k).multiply(Combinatorics.factorial(k));
            assertEquals(new BigFraction(num, den), r.get("Z").series().coefficients(8).get(k), "g^" + k);
        }
    }

    @Test
    void phi4CorrelatorsMatchExactIntegral() {
        Map<String, TheoryResult> r = results(PHI4);
        GaussianReference ref = new GaussianReference(new Q[] {Q.of(1, 24)}, new long[][] {{4, 1}}, 1, 8);
        assertSame(ref.normalised(2), r.get("<phi phi>").series());
        Series sigma = Series.one(1, 8).plus(ref.normalised(2).inverse(), Q.of(-1, 1));
        assertSame(sigma, r.get("Sigma").series());
        assertSame(ref.connectedFour(), r.get("<phi phi phi phi>_c").series());
    }

    @Test
    void phi3SeriesMatchExactIntegralThroughOrder8() {
        Map<String, TheoryResult> r = results(PHI3);
        GaussianReference ref = new GaussianReference(new Q[] {Q.of(1, 6)}, new long[][] {{3, 1}}, 1, 8);
        assertSame(ref.moment(0), r.get("Z").series());
        assertSame(ref.moment(0).log(), r.get("log Z").series());
        assertSame(ref.normalised(2), r.get("<phi phi>").series());
        assertSame(ref.connectedTwo(), r.get("<phi phi>_c").series());
        assertSame(Series.one(1, 8).plus(ref.connectedTwo().inverse(), Q.of(-1, 1)), r.get("Sigma").series());
        assertSame(ref.connectedFour(), r.get("<phi phi phi phi>_c").series());
    }

    @Test
    void mixedPhi3Phi4SeriesMatchExactIntegralInBothCouplings() {
        Map<String, TheoryResult> r = results(BOTH);
        GaussianReference ref = new GaussianReference(new Q[] {Q.of(1, 6), Q.of(1, 24)},
                new long[][] {{3, 1, 0}, {4, 0, 1}}, 2, 5);
        assertSame(ref.moment(0), r.get("Z").series());
        assertSame(ref.moment(0).log(), r.get("log Z").series());
        assertSame(ref.normalised(2), r.get("<phi phi>").series());
        assertSame(ref.connectedTwo(), r.get("<phi phi>_c").series());
        assertSame(Series.one(2, 5).plus(ref.connectedTwo().inverse(), Q.of(-1, 1)), r.get("Sigma").series());
        assertSame(ref.connectedFour(), r.get("<phi phi phi phi>_c").series());
    }

    @Tag("slow")
    @Test
    void zIsTheExponentialOfTheConnectedVacuumDiagrams() {
        Map<String, TheoryResult> r = results(PHI4);
        assertEquals(r.get("log Z").series(), r.get("Z").series().log(8));
    }

    private static final Map<String, Map<String, TheoryResult>> CACHE = new java.util.HashMap<>();

    static synchronized Map<String, TheoryResult> results(String text) {
        return CACHE.computeIfAbsent(text, ZeroDimensionalSeriesTest::compute);
    }

    private static Map<String, TheoryResult> compute(String text) {
        FieldTheory theory = ModelReader.parse("t.fnet", text).theories().get(0);
        TheoryExpansion expansion = new TheoryExpansion(theory);
        Map<String, TheoryResult> out = new TreeMap<>();
        for (TheoryRequest q : theory.requests()) {
            out.put(q.text(), expansion.compute(q));
        }
        return out;
    }

    /** Equal coefficient by coefficient: the reference's terms and the diagram sum's terms. */
    static void assertSame(Series expected, Polynomial actual) {
        Map<String, String> e = new TreeMap<>();
        expected.c.forEach((k, v) -> e.put(k, v.toString()));
        Map<String, String> a = new TreeMap<>();
        actual.terms().forEach((m, v) -> {
            assertEquals(0, m.size());
            a.put(Series.key(m.couplings()), Fractions.text(v));
        });
        assertEquals(e, a);
    }
}
