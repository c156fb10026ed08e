package org.feynet.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.feynet.derive.Derivation;
import org.feynet.derive.RecursionSystem;
import org.feynet.diagrams.MetricDiagrams;
import org.feynet.lang.ModelReader;
import org.feynet.model.MlpModel;
import org.feynet.model.Observable;
import org.feynet.model.Statistic;
import org.feynet.numerics.GaussHermiteMoments;
import org.feynet.numerics.GeneratedJet;
import org.feynet.numerics.MetricEvaluation;
import org.feynet.numerics.LayerRecursions;
import org.feynet.numerics.MetricStatistics;
import org.junit.jupiter.api.Test;

/** Generated code: one recursion class per order, one derivative class per activation, bundled or compiled. */
class EvaluatorsTest {

    private static RecursionSystem derive(String name, String activation, int order) {
        String text = "network " + name + " {\n  width n\n  depth L = 4\n  activation sigma(z) = " + activation + "\n"
                + "  init b ~ normal(0, Cb), W ~ normal(0, Cw/n) with Cb = 0.1, Cw = 1.2\n"
                + "  input gram [[1.0, 0.4], [0.4, 0.7]]\n"
                + "  z[l+1] = b[l+1] + W[l+1] . sigma(z[l])   for l = 1 .. L-1\n}\n"
                + "derive metric to order 1/n" + (order == 1 ? "" : "^" + order) + "\n";
        MlpModel model = ModelReader.parse(name + ".fnet", text).networks().get(0);
        return new Derivation(MetricDiagrams::of).derive(model);
    }

    private static MetricStatistics evaluate(RecursionSystem system, LayerRecursions recursions, GeneratedJet jet) {
        return MetricEvaluation.run(recursions, system.model(), GaussHermiteMoments.calibrated(jet), l -> { });
    }

    @Test
    void bundledOrderAndActivationComeFromGeneratedAndAFreshCompileGivesIdenticalNumbers() {
        RecursionSystem system = derive("any_name", "tanh(z)", 1);
        assertTrue(Evaluators.isBundled(system));
        LayerRecursions bundled = Evaluators.recursions(system);
        GeneratedJet jet = Evaluators.jet(system.activation());
        assertEquals("org.feynet.generated.MetricRecursionsOrder1", bundled.getClass().getName());
        assertEquals("org.feynet.generated.TanhJet", jet.getClass().getName());

        LayerRecursions fresh = (LayerRecursions) Evaluators.compile("org.feynet.generated.user.Fresh",
                RecursionsWriter.write("org.feynet.generated.user", "Fresh", Observable.METRIC, 1, system.recursions()));
        GeneratedJet freshJet = (GeneratedJet) Evaluators.compile("org.feynet.generated.user.FreshJet",
                JetWriter.write("org.feynet.generated.user", "FreshJet", system.activation()));
        MetricStatistics a = evaluate(system, bundled, jet);
        MetricStatistics b = evaluate(system, fresh, freshJet);
        for (int l = 1; l <= 4; l++) {
            for (Statistic s : a.statistics()) {
                assertEquals(a.layer(l).tensor(s), b.layer(l).tensor(s), s + " at layer " + l);
            }
        }
    }

    @Test
    void recursionClassDependsOnTheOrderOnlyAndTheJetOnTheActivationOnly() {
        Map<String, String> tanh = Evaluators.sources(derive("first", "tanh(z)", 1));
        Map<String, String> renamed = Evaluators.sources(derive("second", "tanh(z)", 1));
        Map<String, String> erf = Evaluators.sources(derive("first", "erf(z)", 1));
        assertEquals(tanh, renamed);
        String recursions = "org/feynet/generated/MetricRecursionsOrder1.java";
        assertEquals(tanh.get(recursions), erf.get(recursions));
        assertNotEquals(tanh.get("org/feynet/generated/TanhJet.java"), erf.get("org/feynet/generated/ErfJet.java"));
    }

    @Test
    void anActivationWithoutABundledClassIsCompiledUnderItsFingerprintAndNeverTakesABundledOne() {
        RecursionSystem sin = derive("mlp_tanh", "sin(z)", 1);
        GeneratedJet jet = Evaluators.jet(sin.activation());
        double[] out = new double[3];
        jet.derivatives(0.3, out);
        assertEquals(Math.sin(0.3), out[0], 1e-15);
        assertEquals(Math.cos(0.3), out[1], 1e-15);
        assertTrue(jet.getClass().getName().startsWith("org.feynet.generated.user.Jet_"), jet.getClass().getName());
        // the infinite-width kernel of sin has a closed form: E[sin z1 sin z2] = exp(-(K11+K22)/2) sinh(K12)
        MetricStatistics s = evaluate(sin, Evaluators.recursions(sin), jet);
        double k11 = 1.0;
        double k12 = 0.4;
        double k22 = 0.7;
        double expected = 0.1 + 1.2 * Math.exp(-(k11 + k22) / 2) * Math.sinh(k12);
        assertEquals(expected, s.layer(2).get(Statistic.K0, 0, 1), 1e-12);
    }

    @Test
    void ordersWithoutABundledClassAreCompiledWithTheRightTargets() {
        RecursionSystem third = derive("deep", "tanh(z)", 3);
        LayerRecursions recursions = Evaluators.recursions(third);
        assertEquals(3, recursions.order());
        assertEquals(Statistic.metricUpTo(3), recursions.targets());
        assertTrue(recursions.getClass().getName().startsWith("org.feynet.generated.user.MetricRecursionsOrder3_"));
    }
}
