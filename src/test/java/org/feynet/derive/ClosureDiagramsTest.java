package org.feynet.derive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.feynet.diagrams.MetricDiagram;
import org.feynet.diagrams.MetricDiagrams;
import org.feynet.model.Closure;
import org.feynet.model.Statistic;
import org.hipparchus.fraction.BigFraction;
import org.junit.jupiter.api.Test;

/**
 * The kernel closures' algebra with its diagram lines produced by {@link ClosureDiagrams}, against the algebra as it
 * was written by hand before (the independent reference, kept only here), term by term.
 */
class ClosureDiagramsTest {

    /** The hand-written G-only readout (published theory). */
    private static final List<String> G_READOUT = List.of(
            "M1[ns+s] = (1/2) Hk[ns+s,t] dR[t] + (1/8) W[t,u] Fk[ns+s,t,u]",
            "K1R[s] = dR[s]",
            "K0G[s] = Cb + Cw mu[ns+s]",
            "K1G[s] = Cw M1[ns+s]",
            "V4R[s,t] = V[s,t]",
            "V4G[s,t] = Cw^2 V[ns+s,ns+t]");

    private static final List<String> G_STEP = List.of(
            "A[i,k] = delta[i,k]",
            "A[i,ns+s] += (1/2) eps^2 Cw Hn[i,s]",
            "AV[i,k] = A[i,j] V[j,k]",
            "V'[i,m] = AV[i,k] A[m,k] + Bc[i,m]",
            "M1[ns+s] = (1/2) Hk[ns+s,t] dR[t] + (1/8) W[t,u] Fk[ns+s,t,u]",
            "W'[s,t] = W[s,t] + eps^2 Cw X[s,t] + eps^2 Cw X[t,s] + eps^4 Cw^2 V[ns+s,ns+t]",
            "Xs[s,t] = X[s,t] + eps^2 Cw V[ns+s,ns+t]",
            "X'[s,t] = Xs[s,u] A[ns+t,ns+u]",
            "dR'[s] = dR[s] + eps^2 Cw M1[ns+s]");

    /** The hand-written regression closures' readout and step (Gproj, RG, RGM). */
    private static final List<String> READOUT = List.of(
            "K1R[s] = m1[s]",
            "K0G[s] = Cb + Cw mu[ns+s]",
            "K1G[s] = Cw m1[ns+s]",
            "V4R[s,t] = V[s,t]",
            "V4G[s,t] = Cw^2 V[ns+s,ns+t]");

    private static final List<String> REGRESSION_STEP = List.of(
            "A[s,k] = delta[s,k]",
            "Cv[y,r] = P[y,r] - mu[y] nu[r]",
            "A[r,x] = Inv[x,y] Cv[y,r]",
            "A[i,ns+s] += (1/2) eps^2 Cw Hn[i,s]",
            "AV[i,k] = A[i,j] V[j,k]",
            "V'[i,m] = AV[i,k] A[m,k] + Bc[i,m]",
            "D[y,r,s] = Pd[y,r,s] - mu[y] Hn[r,s]",
            "Q[x,r,s] = Inv[x,y] D[y,r,s]",
            "m1'[i] = A[i,j] m1[j]",
            "m1'[r] += (1/2) eps^2 Cw V[ns+s,x] Q[x,r,s] + (1/8) eps^4 Cw^2 V[ns+s,ns+t] Fn[r,s,t]");

    @Test
    void everyKernelClosureEqualsTheHandWrittenAlgebraTermByTerm() {
        for (Closure c : List.of(Closure.G, Closure.GPROJ, Closure.RG, Closure.RGM)) {
            ResidualSystem system = ResidualSystem.of(c);
            boolean g = c == Closure.G;
            sameTermByTerm(c + " readout", g ? G_READOUT : READOUT, system.readout());
            sameTermByTerm(c + " step", g ? G_STEP : REGRESSION_STEP, system.step());
        }
    }

    private static void sameTermByTerm(String what, List<String> reference, List<TensorEquation> produced) {
        assertEquals(reference.size(), produced.size(), what);
        for (int e = 0; e < reference.size(); e++) {
            TensorEquation expected = TensorEquation.parse(reference.get(e));
            TensorEquation actual = produced.get(e);
            String line = what + ", line " + e + ": " + reference.get(e) + " vs " + actual.plain();
            assertEquals(expected.target(), actual.target(), line);
            assertEquals(expected.accumulate(), actual.accumulate(), line);
            assertEquals(expected.terms().size(), actual.terms().size(), line);
            for (int t = 0; t < expected.terms().size(); t++) {
                assertEquals(expected.terms().get(t), actual.terms().get(t), line + ", term " + t);
            }
            assertEquals(expected, actual, line);
        }
    }

    /** Each diagram line is in its closure's system and names the MLP diagrams it came from. */
    @Test
    void theDiagramLinesNameTheirDiagramsAndAreUsed() {
        assertEquals("K1: propagated-K1 (weight 1), tadpole (weight 1/2)", ClosureDiagrams.G_TADPOLE.line().origin());
        assertEquals("K1: propagated-K1 (weight 1), tadpole (weight 1/2)",
                ClosureDiagrams.REGRESSION_TADPOLE.line().origin());
        assertEquals("K1: propagated-K1 (weight 1)", ClosureDiagrams.JACOBIAN.line().origin());
        assertEquals("K0: single-neuron (weight 1)", ClosureDiagrams.METRIC_K0.line().origin());
        for (Closure c : List.of(Closure.G, Closure.GPROJ, Closure.RG, Closure.RGM)) {
            ResidualSystem system = ResidualSystem.of(c);
            for (ClosureDiagrams.Line line : ClosureDiagrams.of(c)) {
                assertTrue(system.readout().contains(line.equation()) || system.step().contains(line.equation()),
                        c + ": " + line.equation().plain());
            }
        }
        assertEquals(List.of(), ClosureDiagrams.of(Closure.EXACT));
    }

    /**
     * V' = A V A^T holds the V4 one-loop diagram: its one term is the Jacobian's diagram entry (one amputated leg,
     * coefficient 1/2, the vertex's Cw) once per vertex, on one V4 blob whose two pairs are the two vertices' legs.
     */
    @Test
    void theOneLoopDiagramIsTheJacobianEntryTwiceOnAV4Blob() {
        MetricDiagram oneLoop = MetricDiagrams.of(Statistic.V4).stream().filter(d -> d.name().equals("one-loop"))
                .findFirst().orElseThrow();
        List<Term> terms = Derivation.termsOf(oneLoop);
        assertEquals(1, terms.size());
        Term loop = terms.get(0);
        TensorEquation.Term entry = ClosureDiagrams.JACOBIAN.equation().terms().get(0);
        BigFraction e = new BigFraction(entry.numerator(), entry.denominator());
        assertEquals(e.multiply(e), loop.coefficient());
        assertEquals(2, loop.cwPower());
        assertEquals(2, loop.atoms().size());
        List<String> blob = loop.tensors().get(0).indices();
        assertEquals("V4", loop.tensors().get(0).name());
        for (int v = 0; v < 2; v++) {
            Atom a = loop.atoms().get(v);
            assertEquals(List.of("a" + (v + 1), "b" + (v + 1)), a.sigma());
            assertEquals(2, a.derivatives().size());
            assertTrue(List.of(Set.copyOf(blob.subList(0, 2)), Set.copyOf(blob.subList(2, 4)))
                    .contains(Set.copyOf(a.derivatives())), a.toString());
        }
    }

    /** A reading needs a one-vertex diagram and a moment for each number of derivatives. */
    @Test
    void aDiagramWithoutAReadingIsRefused() {
        ClosureDiagrams.Reading twoVertices = new ClosureDiagrams.Reading(Statistic.V4, "V'[i,m]", false, "i", "s",
                false, 1, 1, Map.of(2, "Hn[F,C]"), Map.of("V4", "V[ns+C,ns+C]"), "");
        assertThrows(IllegalArgumentException.class, twoVertices::line);
        ClosureDiagrams.Reading noFourth = new ClosureDiagrams.Reading(Statistic.K1, "M1[ns+s]", false, "ns+s", "tu",
                false, 0, 0, Map.of(2, "Hk[F,C]"), Map.of("K1", "dR[C]", "V4", "W[C,D]"), "");
        assertThrows(IllegalArgumentException.class, noFourth::line);
    }
}
