package org.feynet.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.feynet.codegen.EvaluatorCompiler;
import org.feynet.derive.RecursionSystem;
import org.feynet.numerics.MetricEvaluation;
import org.feynet.numerics.MetricEvaluator;
import org.feynet.numerics.MetricStatistics;
import org.junit.jupiter.api.Test;

/** The bundled example runs on the evaluator compiled from generated/, and Janino's copy of it agrees. */
class EvaluatorSourcesTest {

    @Test
    void bundledExampleUsesTheCompiledGeneratedClassAndAFreshCompileGivesTheSameNumbers() throws Exception {
        Pipeline.Loaded loaded = Pipeline.load(Path.of("examples/mlp_tanh.fnet"), null);
        RecursionSystem system = Pipeline.derive(loaded.model());
        assertTrue(EvaluatorCompiler.isBundled(system));
        MetricEvaluator bundled = Pipeline.evaluator(loaded, system);
        assertEquals("org.feynet.generated.MlpTanhEvaluator", bundled.getClass().getName());

        String renamed = Files.readString(loaded.file()).replace("mlp_tanh", "mlp_tanh_copy");
        Pipeline.Loaded copy = Pipeline.parse("copy.fnet", renamed);
        MetricEvaluator compiled = Pipeline.evaluator(copy, Pipeline.derive(copy.model()));
        assertNotSame(bundled.getClass(), compiled.getClass());
        assertEquals("org.feynet.generated.MlpTanhCopyEvaluator", compiled.getClass().getName());

        MetricStatistics a = MetricEvaluation.run(bundled, loaded.model(), Pipeline.engine(loaded.model(), bundled),
                l -> { });
        MetricStatistics b = MetricEvaluation.run(compiled, copy.model(), Pipeline.engine(copy.model(), compiled),
                l -> { });
        for (int l = 0; l < a.layers().size(); l++) {
            for (int i = 0; i < 2; i++) {
                assertArrayEquals(a.layers().get(l).k1()[i], b.layers().get(l).k1()[i], 0.0);
                assertArrayEquals(a.layers().get(l).v4()[i][1][0], b.layers().get(l).v4()[i][1][0], 0.0);
            }
        }
    }
}
