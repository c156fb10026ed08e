package org.feynet.numerics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.feynet.codegen.Evaluators;
import org.feynet.lang.ModelReader;
import org.feynet.model.Closure;
import org.feynet.model.ResidualModel;
import org.junit.jupiter.api.Test;

/**
 * The continuous-depth equations (Hipparchus' adaptive Dormand–Prince) against the discrete recursions at shrinking
 * eps with t = L eps^2 fixed: the discrete numbers converge to the solution of the equations with an error
 * proportional to eps^2 (order one in the step h = eps^2: halving h halves the error), and the linear activation's
 * closed form K(t) = (K + Cb/Cw) exp(Cw t) - Cb/Cw.
 */
class ContinuousDepthTest {

    static ResidualModel model(String activation, int depth, double t, Closure closure) {
        double eps = Math.sqrt(t / depth);
        String text = "network r {\n width n\n depth L = " + depth + "\n activation sigma(z) = " + activation + "\n"
                + " init b ~ normal(0, Cb), W ~ normal(0, Cw/n) with Cb = 0.1, Cw = 1.5\n"
                + " input gram [[1.0, 0.5], [0.5, 0.8]]\n"
                + " z[l+1] = z[l] + eps * (b[l+1] + W[l+1] . sigma(z[l])) for l = 0 .. L-1\n"
                + " with eps = " + eps + "\n closure " + closure.keyword() + "\n}\n";
        return ModelReader.parse("t.fnet", text).residuals().get(0);
    }

    @Test
    void linearMeanFieldSolvesInClosedForm() {
        ResidualModel m = model("z", 1, 0.8, Closure.EXACT);
        ResidualStatistics s = new ContinuousDepth(m).solve(new double[] {0, 0.4, 0.8}, 1e-10);
        double[][] k = m.gramCopy();
        for (int i = 1; i < 3; i++) {
            double t = 0.4 * i;
            for (int a = 0; a < 2; a++) {
                for (int b = 0; b < 2; b++) {
                    double expected = (k[a][b] + 0.1 / 1.5) * Math.exp(1.5 * t) - 0.1 / 1.5;
                    assertEquals(expected, s.layers().get(i).stream().k0()[a][b], 1e-8);
                }
            }
        }
    }

    /** tanh, closure RG, t = 0.5: discrete at L = 4, 8, 16 against the equations; error ratios near 2. */
    @Test
    @org.junit.jupiter.api.Tag("slow")
    void discreteClosureRecursionConvergesToTheEquationsAtOrderEpsSquared() {
        convergesAtOrderEpsSquared(Closure.RG);
    }

    /**
     * The same for the published G-only theory, whose continuous K1 comes from the tadpole of W (an enlarged state
     * W, X integrated beside V): its discrete recursion converges to those equations at the same order.
     */
    @Test
    @org.junit.jupiter.api.Tag("slow")
    void publishedGOnlyRecursionConvergesToItsEquationsAtOrderEpsSquared() {
        convergesAtOrderEpsSquared(Closure.G);
    }

    private static void convergesAtOrderEpsSquared(Closure closure) {
        double t = 0.5;
        ResidualStatistics.Layer limit = new ContinuousDepth(model("tanh(z)", 1, t, closure))
                .solve(new double[] {0, t}, 1e-10).layers().get(1);
        double[][] errors = new double[3][4];
        int[] depths = {4, 8, 16};
        for (int i = 0; i < depths.length; i++) {
            ResidualStatistics.Layer d = new ResidualTheory(model("tanh(z)", depths[i], t, closure))
                    .run(Evaluators.residual(closure), null).layers()
                    .get(depths[i]);
            errors[i][0] = d.stream().k0()[0][1] - limit.stream().k0()[0][1];
            errors[i][1] = d.metric().k1()[0][0] - limit.metric().k1()[0][0];
            errors[i][2] = d.metric().v4()[0][1][0][1] - limit.metric().v4()[0][1][0][1];
            errors[i][3] = d.stream().v4()[0][0][0][0] - limit.stream().v4()[0][0][0][0];
        }
        for (int q = 0; q < 4; q++) {
            for (int i = 1; i < depths.length; i++) {
                double ratio = errors[i - 1][q] / errors[i][q];
                assertTrue(ratio > 1.75 && ratio < 2.25, closure + " quantity " + q + " ratio " + ratio + " at L = " + depths[i]);
            }
        }
    }
}
