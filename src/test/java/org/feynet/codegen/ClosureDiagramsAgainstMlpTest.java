package org.feynet.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.function.IntToDoubleFunction;
import org.feynet.derive.Derivation;
import org.feynet.derive.RecursionSystem;
import org.feynet.diagrams.MetricDiagrams;
import org.feynet.lang.ModelReader;
import org.feynet.model.Closure;
import org.feynet.model.MlpModel;
import org.feynet.model.Statistic;
import org.feynet.numerics.GaussHermiteMoments;
import org.feynet.numerics.GaussianPairs;
import org.feynet.numerics.Hyperparameters;
import org.feynet.numerics.LayerState;
import org.feynet.numerics.MetricEvaluation;
import org.feynet.numerics.ResidualMoments;
import org.feynet.numerics.ResidualTensors;
import org.feynet.numerics.StreamFunction;
import org.junit.jupiter.api.Test;

/**
 * The kernel closures' diagram lines (derive.ClosureDiagrams) evaluated by the generated residual classes on the
 * residual moments, against the MLP's K0 and K1 recursions evaluated by the generated MLP class on the MLP's moments
 * (another quadrature, sigma's derivatives from its jet instead of Hermite weights): the same diagrams, so with the
 * blobs set equal (K1 = dR, V4 = W; V4 = eps^4 Cw^2 V_GG for the regression tadpole) the numbers agree to the
 * quadratures' accuracy. tanh, two inputs, an arbitrary kernel and arbitrary symmetric blobs.
 */
class ClosureDiagramsAgainstMlpTest {

    private static final double[][] K = {{1.0, 0.4}, {0.4, 0.7}};
    private static final double CB = 0.1;
    private static final double CW = 1.2;
    private static final double EPS2 = 0.3;
    private static final int P = 2;
    private static final int NS = 3;
    /**
     * Both sides are converged Gauss-Hermite rules for smooth integrands of unit-scale Gaussians: the two differed by
     * at most 1.3e-14 on these numbers (0.002 to 0.6), also with the residual rule's nodes doubled, so 1e-12 absolute
     * is rounding with room, and any wrong coefficient, power or pair convention moves a number by 1e-3 or more.
     */
    private static final double TOLERANCE = 1e-12;

    /** K1 on pair s = (a, b), V4 on pairs (s, t): arbitrary, symmetric within and between pairs. */
    private static double k1(int s) {
        return 0.3 - 0.45 * s;
    }

    private static double v4(int s, int t) {
        return 0.2 + 0.1 * (s + t) - 0.07 * s * t;
    }

    private static LayerState mlpNext(double[] k1, double[] v4) {
        String text = "network m {\n  width n\n  depth L = 3\n  activation sigma(z) = tanh(z)\n"
                + "  init b ~ normal(0, Cb), W ~ normal(0, Cw/n) with Cb = " + CB + ", Cw = " + CW + "\n"
                + "  input gram [[1.0, 0.4], [0.4, 0.7]]\n"
                + "  z[l+1] = b[l+1] + W[l+1] . sigma(z[l])   for l = 1 .. L-1\n}\nderive metric to order 1/n\n";
        MlpModel model = ModelReader.parse("m.fnet", text).networks().get(0);
        RecursionSystem system = new Derivation(MetricDiagrams::of).derive(model);
        LayerState previous = LayerState.empty(P).with(Statistic.K0, new double[] {K[0][0], K[0][1], K[1][1]})
                .with(Statistic.K1, k1).with(Statistic.V4, v4);
        return MetricEvaluation.step(Evaluators.recursions(system), previous,
                GaussHermiteMoments.calibrated(Evaluators.jet(system.activation())), new Hyperparameters(CB, CW, 0, 0));
    }

    /** The MLP state's canonical K1 and V4 values (pairs (00), (01), (11)) from the pair-indexed blobs. */
    private static double[] canonicalK1() {
        double[] out = new double[NS];
        int k = 0;
        for (int a = 0; a < P; a++) {
            for (int b = a; b < P; b++) {
                out[k++] = k1(StreamFunction.symmetricIndex(a, b, P));
            }
        }
        return out;
    }

    private static double[] canonicalV4(double scale) {
        List<int[]> tuples = LayerState.canonicalTuples(P, Statistic.V4);
        double[] out = new double[tuples.size()];
        for (int k = 0; k < out.length; k++) {
            int[] x = tuples.get(k);
            out[k] = scale * v4(StreamFunction.symmetricIndex(x[0], x[1], P),
                    StreamFunction.symmetricIndex(x[2], x[3], P));
        }
        return out;
    }

    private static ResidualMoments moments(Closure closure) {
        return new ResidualMoments(closure, new GaussianPairs(Math::tanh, P, 40, 100), new double[][][] {K}, P);
    }

    private static double[] pairs(IntToDoubleFunction f) {
        double[] out = new double[NS];
        for (int s = 0; s < NS; s++) {
            out[s] = f.applyAsDouble(s);
        }
        return out;
    }

    private static double[] pairPairs() {
        double[] out = new double[NS * NS];
        for (int s = 0; s < NS; s++) {
            for (int t = 0; t < NS; t++) {
                out[s * NS + t] = v4(s, t);
            }
        }
        return out;
    }

    /** The G-only readout's K0G = Cb + Cw mu and K1G = Cw M1 are the MLP's K0' and K1' with K1 = dR, V4 = W. */
    @Test
    void theGOnlyTadpoleIsTheMlpK1RecursionWithK1AsDrAndV4AsW() {
        LayerState mlp = mlpNext(canonicalK1(), canonicalV4(1));
        ResidualMoments m = moments(Closure.G);
        int n = m.n();
        ResidualTensors in = m.layer(0, "mu", "Hk", "Fk").with("dR", pairs(ClosureDiagramsAgainstMlpTest::k1))
                .with("W", pairPairs()).with("V", new double[n * n]).with("X", new double[NS * NS]);
        ResidualTensors out = Evaluators.residual(Closure.G).readout(in, 0, EPS2, CB, CW);
        for (int a = 0; a < P; a++) {
            for (int b = a; b < P; b++) {
                int s = StreamFunction.symmetricIndex(a, b, P);
                assertEquals(mlp.get(Statistic.K0, a, b), out.get("K0G")[s], TOLERANCE, "K0 " + a + b);
                assertEquals(mlp.get(Statistic.K1, a, b), out.get("K1G")[s], TOLERANCE, "K1 " + a + b);
            }
        }
    }

    /**
     * A regression closure's m1 source on the sigma sigma functions, with the regression switched off (Inv = 0, so
     * Q = 0 and A = 1 + the diagram's linear response) and m1 = 0, is the Hessian tadpole: the MLP's K1' without its
     * vertex Cw, at K1 = 0 and V4 = eps^4 Cw^2 V_GG.
     */
    @Test
    void theRegressionHessianTadpoleIsTheMlpTadpoleOnTheIncrementsV4() {
        double scale = EPS2 * EPS2 * CW * CW;
        LayerState mlp = mlpNext(new double[NS], canonicalV4(scale));
        ResidualMoments m = moments(Closure.RG);
        int n = m.n();
        double[] v = new double[n * n];
        for (int s = 0; s < NS; s++) {
            for (int t = 0; t < NS; t++) {
                v[(NS + s) * n + NS + t] = v4(s, t);
            }
        }
        ResidualTensors in = m.layer(0, "mu", "Hk", "Fk").and(m.layer(0, "nu", "Hn", "Fn")).with("V", v)
                .with("m1", new double[n]).with("P", new double[n * n]).with("Pd", new double[n * n * NS])
                .with("Bc", new double[n * n]).with("Inv", new double[n * n]);
        ResidualTensors out = Evaluators.residual(Closure.RG).step(in, 0, EPS2, CB, CW);
        for (int a = 0; a < P; a++) {
            for (int b = a; b < P; b++) {
                int s = StreamFunction.symmetricIndex(a, b, P);
                assertEquals(mlp.get(Statistic.K1, a, b) / CW, out.get("m1")[NS + s], TOLERANCE / CW, "m1 " + a + b);
            }
        }
    }
}
