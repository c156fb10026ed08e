package org.feynet.numerics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hipparchus.analysis.integration.gauss.GaussIntegrator;
import org.hipparchus.analysis.integration.gauss.GaussIntegratorFactory;
import org.junit.jupiter.api.Test;

class GaussHermiteRuleTest {

    @Test
    void nodesAndWeightsAgreeWithHipparchusAfterRescaling() {
        int n = 20;
        GaussIntegrator hip = new GaussIntegratorFactory().hermite(n);
        GaussHermiteRule rule = GaussHermiteRule.of(n);
        assertEquals(n, rule.size());
        for (int i = 0; i < n; i++) {
            double x = hip.getPoint(i);
            double w = hip.getWeight(i) / Math.sqrt(Math.PI);
            boolean found = false;
            for (int j = 0; j < n; j++) {
                if (Math.abs(rule.node(j) - Math.sqrt(2) * x) < 1e-12) {
                    assertEquals(w, rule.weight(j), 1e-14 * Math.max(1, w) + 1e-13 * w);
                    found = true;
                }
            }
            assertEquals(true, found, "node " + x);
        }
    }

    @Test
    void largeRuleIntegratesEvenMomentsExactly() {
        for (int n : new int[] {7, 64, 801}) {
            GaussHermiteRule rule = GaussHermiteRule.of(n);
            double expected = 1.0; // (2j-1)!!
            for (int j = 0; j <= 6; j++) {
                double s = 0;
                for (int i = 0; i < rule.size(); i++) {
                    s += rule.weight(i) * Math.pow(rule.node(i), 2 * j);
                }
                if (2 * j < 2 * n) {
                    assertEquals(expected, s, 1e-13 * expected, "n = " + n + ", E u^" + 2 * j);
                }
                expected *= 2 * j + 1;
            }
        }
    }

    @Test
    void nodesAreSortedByDecreasingWeight() {
        GaussHermiteRule rule = GaussHermiteRule.of(200);
        for (int i = 1; i < rule.size(); i++) {
            assertEquals(true, rule.weight(i) <= rule.weight(i - 1) * (1 + 1e-12));
        }
    }
}
