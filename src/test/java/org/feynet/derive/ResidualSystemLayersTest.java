package org.feynet.derive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.feynet.model.Closure;
import org.junit.jupiter.api.Test;

/** The layer indices of the exact route's tensor equations: checked against the tensors' layer dimensions. */
class ResidualSystemLayersTest {

    private static final ResidualSystem EXACT = ResidualSystem.of(Closure.EXACT);

    private static ResidualSystem withStep(String equation) {
        List<TensorEquation> step = new ArrayList<>(EXACT.step());
        step.add(TensorEquation.parse(equation));
        return new ResidualSystem(Closure.EXACT, EXACT.indices(), EXACT.shapes(), EXACT.readout(), step);
    }

    @Test
    void theExactRouteIndexesItsStateByTheLaterLayers() {
        ResidualSystem.IndexRange x = EXACT.indices().get('x');
        assertEquals(ResidualSystem.Extent.LAYERS, x.extent());
        assertEquals("l + 1", x.lower());
        assertEquals("nl", x.upper());
        assertEquals(List.of(ResidualSystem.Extent.LAYERS, ResidualSystem.Extent.LAYERS, ResidualSystem.Extent.N,
                ResidualSystem.Extent.N), EXACT.shapes().get("C"));
        assertTrue(EXACT.lines().contains("  " + EXACT.step().get(0).plain()));
    }

    @Test
    void aLayerIndexFitsOnlyALayerDimensionAndNoOtherIndexFitsOne() {
        withStep("m1'[x,f] += C[x,q,f,f]");
        assertThrows(IllegalArgumentException.class, () -> withStep("m1'[x,f] += C[f,q,x,f]"));
        assertThrows(IllegalArgumentException.class, () -> withStep("m1'[x,f] += C[s,q,f,f]"));
        assertThrows(IllegalArgumentException.class, () -> withStep("m1'[x,f] += mu[x,ns+x]"));
    }

    @Test
    void anIndexLetterMayNotNameTheLayerOrABound() {
        Map<Character, ResidualSystem.IndexRange> indices = new LinkedHashMap<>(EXACT.indices());
        indices.put('l', EXACT.indices().get('x'));
        assertThrows(IllegalArgumentException.class, () -> new ResidualSystem(Closure.EXACT, indices, EXACT.shapes(),
                EXACT.readout(), EXACT.step()));
    }
}
