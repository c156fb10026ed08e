package org.feynet.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.feynet.derive.ResidualSystem;
import org.feynet.derive.TensorEquation;
import org.feynet.model.Closure;
import org.feynet.numerics.ResidualRecursions;
import org.feynet.numerics.ResidualTensors;
import org.junit.jupiter.api.Test;

/**
 * The generated residual closures and exact route: bundled when current, recompiled when the committed class is stale.
 */
class ResidualEvaluatorsTest {

    private static final List<Closure> CLOSURES = List.of(Closure.G, Closure.GPROJ, Closure.RG, Closure.RGM,
            Closure.EXACT);

    @Test
    void everyClosureAndTheExactRouteComeBundledFromGenerated() {
        for (Closure closure : CLOSURES) {
            assertTrue(Evaluators.isBundled(closure), closure.toString());
            ResidualRecursions r = Evaluators.residual(closure);
            assertEquals("org.feynet.generated." + ResidualWriter.className(closure), r.getClass().getName());
            assertEquals(closure.keyword(), r.closure());
        }
    }

    /** The generated source carries every equation as printed, as javadoc, and one file per closure. */
    @Test
    void sourcesCarryEachEquationAsItsJavadoc() {
        Map<String, String> sources = Evaluators.residualSources();
        assertEquals(5, sources.size());
        for (Closure closure : CLOSURES) {
            ResidualSystem system = ResidualSystem.of(closure);
            String source = sources.get("org/feynet/generated/" + ResidualWriter.className(closure) + ".java");
            List<TensorEquation> all = new ArrayList<>(system.readout());
            all.addAll(system.step());
            for (TensorEquation e : all) {
                assertTrue(source.contains("    /** " + e.plain() + " */\n"), closure + ": " + e.plain());
                assertEquals(e, TensorEquation.parse(e.plain()), "the text reads back: " + e.plain());
            }
        }
    }

    /**
     * A system whose equations differ from the committed class's (here the Hessian term of m1 doubled) has another
     * fingerprint: the bundled class is not taken, the source is compiled under that fingerprint, and its numbers
     * follow the changed equation (m1' moves by exactly the Hessian term, V' does not move).
     */
    @Test
    void aStaleBundledClassIsRecompiledFromTheCurrentEquations() {
        ResidualSystem rg = ResidualSystem.of(Closure.RG);
        List<TensorEquation> step = new ArrayList<>(rg.step());
        int last = step.size() - 1;
        String doubled = step.get(last).plain().replace("(1/8) eps^4", "(1/4) eps^4");
        assertNotEquals(step.get(last).plain(), doubled);
        step.set(last, TensorEquation.parse(doubled));
        ResidualSystem changed = new ResidualSystem(rg.closure(), rg.indices(), rg.shapes(), rg.readout(), step);
        assertNotEquals(ResidualWriter.fingerprint(rg), ResidualWriter.fingerprint(changed));

        ResidualRecursions recompiled = Evaluators.residual(changed);
        assertEquals("org.feynet.generated.user." + ResidualWriter.className(Closure.RG) + "_"
                + ResidualWriter.fingerprint(changed), recompiled.getClass().getName());
        assertEquals(ResidualWriter.fingerprint(changed), recompiled.fingerprint());

        ResidualTensors in = inputs(2, 1);
        ResidualTensors bundled = Evaluators.residual(Closure.RG).step(in, 0, 0.09, 0.1, 1.3);
        ResidualTensors fresh = recompiled.step(in, 0, 0.09, 0.1, 1.3);
        assertArrayEquals(bundled.get("V"), fresh.get("V"), 0.0);
        double[] v = in.get("V");
        double[] f = in.get("Fn");
        double eps4cw2 = 0.09 * 0.09 * 1.3 * 1.3;
        for (int r = 1; r < 2; r++) {
            double hessian = v[1 * 2 + 1] * f[r] * eps4cw2 / 8;
            assertEquals(bundled.get("m1")[r] + hessian, fresh.get("m1")[r], 1e-12);
        }
        assertEquals(bundled.get("m1")[0], fresh.get("m1")[0], 0.0);
    }

    /** Arbitrary inputs of a P = 1 state (n = 2, ns = 1) for the RG step. */
    private static ResidualTensors inputs(int n, int ns) {
        ResidualTensors t = ResidualTensors.of(n, ns);
        String[] names = {"V", "m1", "mu", "nu", "Hk", "Hn", "Fk", "Fn", "P", "Pd", "Bc", "Inv"};
        int[] sizes = {n * n, n, n, n, n * ns, n * ns, n * ns * ns, n * ns * ns, n * n, n * n * ns, n * n, n * n};
        for (int i = 0; i < names.length; i++) {
            double[] x = new double[sizes[i]];
            for (int j = 0; j < x.length; j++) {
                x[j] = 0.3 + 0.17 * i - 0.11 * j + 0.05 * i * j;
            }
            t = t.with(names[i], x);
        }
        return t;
    }
}
