package org.feynet.derive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.feynet.diagrams.MetricDiagrams;
import org.feynet.model.Statistic;
import org.junit.jupiter.api.Test;

class DerivationTest {

    private final Derivation derivation = new Derivation(FirstOrderShapes::of);

    @Test
    void infiniteWidthKernelIsBiasPlusWeightTimesTwoPointFunction() {
        assertEquals("K0'[a1 b1] = Cb + Cw <s_a1 s_b1>", RecursionFormatter.plain(derivation.recursion(Statistic.K0)));
    }

    @Test
    void meanCorrectionIsPropagatedK1PlusTadpole() {
        assertEquals("K1'[a1 b1] = 1/2 Cw sum_{c1 d1} <d_c1 d_d1 (s_a1 s_b1)> K1[c1 d1]"
                        + " + 1/8 Cw sum_{c1 d1 c2 d2} <d_c1 d_d1 d_c2 d_d2 (s_a1 s_b1)> V4[(c1 d1)(c2 d2)]",
                RecursionFormatter.plain(derivation.recursion(Statistic.K1)));
    }

    @Test
    void fourPointVertexIsSingleNeuronCovariancePlusOneLoop() {
        assertEquals("V4'[(a1 b1)(a2 b2)] = Cw^2 <s_a1 s_b1 s_a2 s_b2> - Cw^2 <s_a1 s_b1> <s_a2 s_b2>"
                        + " + 1/4 Cw^2 sum_{c1 d1 c2 d2} <d_c1 d_d1 (s_a1 s_b1)> <d_c2 d_d2 (s_a2 s_b2)>"
                        + " V4[(c1 d1)(c2 d2)]",
                RecursionFormatter.plain(derivation.recursion(Statistic.V4)));
    }

    @Test
    void enumeratedDiagramsGiveTheSameFirstOrderRecursionsAsTheHandWrittenOnes() {
        Derivation enumerated = new Derivation(MetricDiagrams::of);
        for (Statistic target : Statistic.metricUpTo(1)) {
            assertEquals(RecursionFormatter.plain(derivation.recursion(target)),
                    RecursionFormatter.plain(enumerated.recursion(target)));
        }
    }
}
