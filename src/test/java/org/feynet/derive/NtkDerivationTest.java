package org.feynet.derive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.feynet.diagrams.MetricDiagrams;
import org.feynet.model.Statistic;
import org.junit.jupiter.api.Test;

/** The NTK chain's diagram rules: checked on the metric, where the metric diagrams are an independent route. */
class NtkDerivationTest {

    @Test
    void theRulesAppliedToTheMetricObservableGiveTheMetricDiagramsRecursions() {
        Derivation metric = new Derivation(MetricDiagrams::of);
        for (Statistic s : List.of(Statistic.K0, Statistic.K1, Statistic.V4)) {
            assertEquals(RecursionFormatter.plain(metric.recursion(s)),
                    RecursionFormatter.plain(NtkDerivation.recursion(s)), s.toString());
        }
    }

    @Test
    void meanNtkAtInfiniteWidthIsPdltsRecursion() {
        assertEquals("H0'[a1 b1] = lambda_b + Cw <s'_a1 s'_b1> H0[a1 b1] + lambda_W <s_a1 s_b1>",
                RecursionFormatter.plain(NtkDerivation.recursion(Statistic.H0)));
    }

    @Test
    void offDiagonalFluctuationIsTheDiagonalPartPlusThePropagatedOne() {
        assertEquals("B'[(a1 b1)(a2 b2)] = Cw^2 <s'_a1 s'_b1 s'_a2 s'_b2> H0[a1 b1] H0[a2 b2]"
                        + " + Cw^2 <s'_a1 s'_a2> <s'_b1 s'_b2> B[(a1 b1)(a2 b2)]",
                RecursionFormatter.plain(NtkDerivation.recursion(Statistic.B)));
    }

    @Test
    void everyNtkStatisticComesFromNamedDiagramsWithWeights() {
        for (Statistic s : List.of(Statistic.H0, Statistic.H1, Statistic.D, Statistic.A, Statistic.F, Statistic.B)) {
            Recursion r = NtkDerivation.recursion(s);
            assertTrue(!r.diagrams().isEmpty() && !r.terms().isEmpty(), s.toString());
            r.diagrams().forEach(d -> assertTrue(d.svg().contains("<svg") && d.tikz().contains("tikzpicture")));
        }
        assertEquals(7, NtkDerivation.diagrams(Statistic.H1).size());
        assertEquals(13, NtkDerivation.diagrams(Statistic.A).size());
    }
}
