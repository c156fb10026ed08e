package org.feynet.numerics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TestJetsTest {

    /** Each derivative matches the central difference of the previous one (step 1e-4, error ~1e-8). */
    private static void assertJetMatchesFiniteDifferences(ActivationJet jet, double tol) {
        int n = 10;
        double h = 1e-4;
        for (double z = -3.1; z <= 3.1; z += 0.37) {
            double[] at = new double[n];
            double[] up = new double[n];
            double[] down = new double[n];
            jet.derivatives(z, at);
            jet.derivatives(z + h, up);
            jet.derivatives(z - h, down);
            for (int k = 0; k + 1 < n; k++) {
                double fd = (up[k] - down[k]) / (2 * h);
                assertEquals(at[k + 1], fd, tol * (1 + Math.abs(at[k + 1])), "derivative " + (k + 1) + " at " + z);
            }
        }
    }

    @Test
    void tanhJetMatchesFiniteDifferences() {
        assertJetMatchesFiniteDifferences(TestJets.TANH, 1e-5);
        double[] out = new double[3];
        TestJets.TANH.derivatives(0.3, out);
        assertEquals(1 - Math.tanh(0.3) * Math.tanh(0.3), out[1], 1e-15);
    }

    @Test
    void erfJetMatchesFiniteDifferences() {
        assertJetMatchesFiniteDifferences(TestJets.ERF, 1e-5);
    }

    @Test
    void geluJetMatchesFiniteDifferences() {
        assertJetMatchesFiniteDifferences(TestJets.GELU, 1e-5);
    }

    @Test
    void swishJetMatchesFiniteDifferences() {
        assertJetMatchesFiniteDifferences(TestJets.SWISH, 1e-5);
    }

    @Test
    void sinAndLinearJetsMatchFiniteDifferences() {
        assertJetMatchesFiniteDifferences(TestJets.SIN, 1e-6);
        assertJetMatchesFiniteDifferences(TestJets.LINEAR, 1e-6);
    }
}
