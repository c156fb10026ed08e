package org.feynet.derive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.feynet.diagrams.MetricDiagrams;
import org.feynet.lang.ModelReader;
import org.feynet.model.MlpModel;
import org.hipparchus.analysis.integration.IterativeLegendreGaussIntegrator;
import org.hipparchus.fraction.BigFraction;
import org.junit.jupiter.api.Test;

/**
 * The exact diagonal reduction for scale-invariant activations: its half-line Hermite moments against numerical
 * integration, and its conclusion against the known result (no diagonal 1/n correction to the mean metric or mean NTK
 * for relu-type networks, slope chi = Cw (p^2 + q^2)/2, PDLT section 5.2, A_2 = (a_+^2 + a_-^2)/2).
 */
class ScaleInvariantDiagonalTest {

    private static RecursionSystem ntk(String activation) {
        String text = "network m {\n  width n\n  depth L = 3\n  activation sigma(z) = " + activation + "\n"
                + "  init b ~ normal(0, Cb), W ~ normal(0, Cw/n) with Cb = 0.1, Cw = 1.2\n"
                + "  learning rates lambda_b = 0.5, lambda_W = 2\n"
                + "  input gram [[1.0, 0.4], [0.4, 0.7]]\n"
                + "  z[l+1] = b[l+1] + W[l+1] . sigma(z[l])   for l = 1 .. L-1\n}\n"
                + "derive ntk to order 1/n\n";
        MlpModel model = ModelReader.parse("m.fnet", text).networks().get(0);
        return new Derivation(MetricDiagrams::of).derive(model);
    }

    @Test
    void halfLineHermiteMomentsAgreeWithNumericalIntegration() {
        IterativeLegendreGaussIntegrator integrator = new IterativeLegendreGaussIntegrator(32, 1e-13, 1e-13);
        for (int j = 0; j <= 4; j++) {
            for (int m = 0; m <= 5; m++) {
                int jj = j;
                int mm = m;
                double numeric = integrator.integrate(100_000, u -> Math.pow(u, jj) * hermite(mm, u)
                        * Math.exp(-u * u / 2) / Math.sqrt(2 * Math.PI), 0, 12);
                BigFraction[] exact = ScaleInvariantDiagonal.hermiteHalfMoment(j, m);
                double value = exact[0].doubleValue() + exact[1].doubleValue() / Math.sqrt(2 * Math.PI);
                assertEquals(numeric, value, 1e-10, "j=" + j + " m=" + m);
            }
        }
    }

    @Test
    void reluAndLeakyReluHaveNoDiagonalCorrectionToTheMeanMetricOrMeanNtk() {
        String relu = ScaleInvariantDiagonal.text(ntk("relu(z)")).orElseThrow();
        assertTrue(relu.contains("p = 1, q = 0"), relu);
        assertTrue(relu.contains("K1'[a a] = (1/2 p^2 + 1/2 q^2) Cw K1[a a]"), relu);
        assertTrue(relu.contains("H1'[a a] = (1/2 p^2 + 1/2 q^2) Cw H1[a a] + (1/2 p^2 + 1/2 q^2) lambda_W K1[a a]"),
                relu);
        assertTrue(relu.contains("vanish at every layer"), relu);
        String leaky = ScaleInvariantDiagonal.text(ntk("relu(z) - 0.25*relu(-z)")).orElseThrow();
        assertTrue(leaky.contains("p = 1, q = 0.25"), leaky);
        assertTrue(leaky.contains("vanish at every layer"), leaky);
        assertTrue(ScaleInvariantDiagonal.latex(ntk("relu(z)")).orElseThrow().contains("\\begin{align*}"));
    }

    @Test
    void smoothOrNonHomogeneousActivationsAreNotReduced() {
        assertTrue(ScaleInvariantDiagonal.text(ntk("tanh(z)")).isEmpty());
        assertTrue(ScaleInvariantDiagonal.text(ntk("relu(z) + 0.1")).isEmpty());
        assertTrue(ScaleInvariantDiagonal.text(ntk("relu(z)^2")).isEmpty());
    }

    /** The probabilists' Hermite polynomial by its three-term recurrence He_{m+1} = u He_m - m He_{m-1}. */
    private static double hermite(int m, double u) {
        double previous = 1;
        double current = u;
        if (m == 0) {
            return previous;
        }
        for (int k = 1; k < m; k++) {
            double next = u * current - k * previous;
            previous = current;
            current = next;
        }
        return current;
    }
}
