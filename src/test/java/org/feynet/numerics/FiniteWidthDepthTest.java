package org.feynet.numerics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.feynet.codegen.Evaluators;
import org.feynet.derive.ActivationCalculus;
import org.feynet.derive.Derivation;
import org.feynet.derive.RecursionSystem;
import org.feynet.diagrams.MetricDiagrams;
import org.feynet.lang.ModelReader;
import org.feynet.model.MlpModel;
import org.feynet.model.Statistic;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The 1/n corrections of the correlation depths ({@link FiniteWidthDepth}) against closed forms (linear and relu
 * networks, whose kernel maps are linear) and against the generated finite-width recursions (K0, K1, V4 of the
 * diagram engine, a different code path) iterated to large depth, where chi_1 is read off the secular term.
 */
class FiniteWidthDepthTest {

    private static final double TOL = CriticalityAnalysis.DEFAULT_TOLERANCE;

    static MlpModel model(String activation, double cb, double cw, String gram, int depth) {
        String text = String.format(Locale.ROOT, "network t {%n  width n%n  depth L = %d%n  activation sigma(z) = %s%n"
                + "  init b ~ normal(0, Cb), W ~ normal(0, Cw/n) with Cb = %s, Cw = %s%n  input gram %s%n"
                + "  z[l+1] = b[l+1] + W[l+1] . sigma(z[l])   for l = 1 .. L-1%n}%nderive metric to order 1/n%n",
                depth, activation, cb, cw, gram);
        return ModelReader.parse("t.fnet", text).networks().get(0);
    }

    static GaussianMoments engine(MlpModel m) {
        return GaussianEngines.forActivation(m.activation(), Evaluators.jet(new ActivationCalculus(m.activation())));
    }

    static Criticality criticality(MlpModel m, GaussianMoments engine) {
        ActivationJet jet = Evaluators.jet(new ActivationCalculus(m.activation()));
        return new CriticalityAnalysis(m.activation(), engine, jet, TOL).at(m.cb(), m.cw(), m.firstLayerMetric()[0][0]);
    }

    static MetricStatistics recursions(MlpModel m, GaussianMoments engine) {
        RecursionSystem system = new Derivation(MetricDiagrams::of).derive(m);
        return MetricEvaluation.run(Evaluators.recursions(system), m, engine, l -> { });
    }

    /**
     * chi_1 read off the generated recursions: with Delta_k(l) = K_k^(l+1) - K_k^(l) of component (a, b), Delta_0 ~ A
     * chi^l and Delta_1 ~ (B + A l chi_1/chi) chi^l, so chi (Delta_1/Delta_0 (l+1) - Delta_1/Delta_0 (l)) -> chi_1.
     * Taken at the first layer where |Delta_0| &lt; 1e-8: the nonlinear terms (relative error about 1.6e3 |Delta_0|,
     * as measured on tanh between |Delta_0| = 1e-6 and 1e-8, so ~2e-5 here) and the faster modes dominate the error
     * above that, the quadrature's rounding (1e-15 on K0, hence ~1e-15/|Delta_0| on the ratio, ~2e-5 of chi_1
     * here) below it; the tests allow 2e-4 relative.
     */
    static double secularRate(MetricStatistics s, int a, int b, double chi) {
        for (int l = 1; l + 2 <= s.layers().size(); l++) {
            double d0 = delta(s, Statistic.K0, l, a, b);
            if (Math.abs(d0) < 1e-8 && d0 != 0) {
                return chi * (delta(s, Statistic.K1, l + 1, a, b) / delta(s, Statistic.K0, l + 1, a, b)
                        - delta(s, Statistic.K1, l, a, b) / d0);
            }
        }
        throw new AssertionError("the recursion did not reach |Delta K0| < 1e-8 in " + s.layers().size() + " layers");
    }

    private static double delta(MetricStatistics s, Statistic k, int l, int a, int b) {
        return s.layer(l + 1).get(k, a, b) - s.layer(l).get(k, a, b);
    }

    /**
     * Single input, smooth activations: chi_par_1 against the secular term of the generated K0/K1 recursions, and
     * K1*, V* against their values at large depth.
     */
    @Test
    void parallelRateMatchesIteratedRecursions() {
        for (Object[] p : new Object[][] {{"tanh(z)", 0.3, 1.2}, {"erf(z)", 0.05, 1.1}, {"gelu(z)", 0.3, 0.9}}) {
            MlpModel m = model((String) p[0], (Double) p[1], (Double) p[2], "[[2.0]]", 60);
            GaussianMoments e = engine(m);
            Criticality c = criticality(m, e);
            FiniteWidthDepth.Result r = FiniteWidthDepth.of(e, c);
            MetricStatistics s = recursions(m, e);
            double chi1 = r.chiPar1().getAsDouble();
            double estimate = secularRate(s, 0, 0, c.chiPar().getAsDouble());
            assertEquals(chi1, estimate, 2e-4 * Math.abs(chi1) + 1e-8, p[0] + " chi_par_1");
            MetricStatistics.Layer deep = s.layer(60);
            assertEquals(deep.get(Statistic.K1, 0, 0), r.kStar1().getAsDouble(), 1e-9, p[0] + " K1*");
            assertEquals(deep.get(Statistic.V4, 0, 0, 0, 0), r.vStar().getAsDouble(), 1e-9, p[0] + " V*");
            double chi = c.chiPar().getAsDouble();
            assertEquals(chi1 / (chi * Math.log(chi) * Math.log(chi)), r.xiPar1().getAsDouble(), 1e-12);
        }
    }

    /**
     * Two inputs: chi_c_1 against the secular term of the off-diagonal component of the generated recursions, in the
     * ordered phase (c* = 1, chi_c = chi_perp: tanh at Cb = 0.3, Cw = 1.2) and in the chaotic phase (c* &lt; 1: erf at
     * Cb = 0.05, Cw = 3). Slow (about 9 s): the chaotic rate 0.857 needs 160 two-input layers.
     */
    @Test
    @Tag("slow")
    void correlationRateMatchesIteratedRecursions() {
        for (Object[] p : new Object[][] {{"tanh(z)", 0.3, 1.2, 60}, {"erf(z)", 0.05, 3.0, 160}}) {
            MlpModel probe = model((String) p[0], (Double) p[1], (Double) p[2], "[[1.0]]", 3);
            GaussianMoments e = engine(probe);
            Criticality c = criticality(probe, e);
            FiniteWidthDepth.Result r = FiniteWidthDepth.of(e, c);
            double k = c.kStar().getAsDouble();
            String gram = String.format(Locale.ROOT, "[[%.17g, %.17g], [%.17g, %.17g]]", k, 0.6 * k, 0.6 * k, k);
            MlpModel m = model((String) p[0], (Double) p[1], (Double) p[2], gram, (Integer) p[3]);
            MetricStatistics s = recursions(m, e);
            double chi1 = r.chiC1().getAsDouble();
            double estimate = secularRate(s, 0, 1, c.chiC().getAsDouble());
            assertEquals(chi1, estimate, 2e-4 * Math.abs(chi1) + 1e-8, p[0] + " chi_c_1");
        }
    }

    /**
     * Closed forms: for linear (Cb &gt; 0) and relu networks f(K) = Cb + Cw A2 K is linear, so E[Ghat'] = Cb + Cw A2
     * E[Ghat] exactly at every width: chi_par_1 = 0 and K1* = 0; V* = w/(1 - chi^2) with w = Cw^2 Var(sigma^2) =
     * 2 Cw^2 K*^2 (linear) and Cw^2 (3/2 - 1/4) K*^2 (relu, &lt;relu^4&gt; = 3K^2/2, &lt;relu^2&gt; = K/2). Two inputs:
     * relu has chi_c = chi_perp = chi_par at c* = 1 (degenerate), linear every c a fixed point: no chi_c_1.
     */
    @Test
    void scaleInvariantClosedForms() {
        double cb = 0.4;
        for (Object[] p : new Object[][] {{"z", 0.7, 2.0}, {"max(0, z)", 1.4, 1.25}}) {
            double cw = (Double) p[1];
            MlpModel m = model((String) p[0], cb, cw, "[[1.0]]", 3);
            GaussianMoments e = engine(m);
            Criticality c = criticality(m, e);
            FiniteWidthDepth.Result r = FiniteWidthDepth.of(e, c);
            double chi = p[0].equals("z") ? cw : cw / 2;
            double kStar = cb / (1 - chi);
            assertEquals(kStar, c.kStar().getAsDouble(), 1e-12);
            assertEquals(0.0, r.chiPar1().getAsDouble(), 1e-13, (String) p[0]);
            assertEquals(0.0, r.xiPar1().getAsDouble(), 1e-12, (String) p[0]);
            assertEquals(0.0, r.kStar1().getAsDouble(), 1e-13, (String) p[0]);
            double w = cw * cw * (Double) p[2] * kStar * kStar;
            assertEquals(w / (1 - chi * chi), r.vStar().getAsDouble(), 1e-12, (String) p[0]);
            assertTrue(r.chiC1().isEmpty() && r.notes().containsKey("chi_c_1"), (String) p[0]);
            if (p[0].equals("max(0, z)")) {
                assertTrue(r.notes().get("chi_c_1").contains("degenerate"), r.notes().get("chi_c_1"));
            }
        }
    }

    /** No fixed point K* &gt; 0, or criticality: empty, with a note. */
    @Test
    void undefinedAtCriticalityAndWithoutFixedPoint() {
        for (Object[] p : new Object[][] {{"tanh(z)", 0.0, 1.0}, {"tanh(z)", 0.0, 0.5}, {"max(0, z)", 0.0, 2.0}}) {
            MlpModel m = model((String) p[0], (Double) p[1], (Double) p[2], "[[1.0]]", 3);
            GaussianMoments e = engine(m);
            FiniteWidthDepth.Result r = FiniteWidthDepth.of(e, criticality(m, e));
            assertTrue(r.chiPar1().isEmpty() && r.notes().containsKey("xi_par_1"), p[0] + " " + p[2]);
            assertTrue(r.chiC1().isEmpty() && r.notes().containsKey("xi_c_1"), p[0] + " " + p[2]);
        }
    }
}
