package org.feynet.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatisticTest {

    @Test
    void metricStatisticsAreNamedOnceForTextJsonAndLatex() {
        assertEquals(List.of("K0", "K1", "K2", "K3", "V4", "V4_1", "V4_2", "T6", "T6_1", "C8"),
                Statistic.metricUpTo(3).stream().map(Statistic::name).toList());
        assertEquals("V4_1", Statistic.V4_1.jsonKey());
        assertEquals("K^{(\\ell)}", Statistic.K0.latex("\\ell"));
        assertEquals("K^{\\{2\\}(\\ell)}", Statistic.K2.latex("\\ell"));
        assertEquals("V^{\\{1\\}(\\ell+1)}", Statistic.V4_1.latex("\\ell+1"));
        assertEquals("T^{(\\ell)}", Statistic.T6.latex("\\ell"));
        assertEquals("C_{8}^{\\{1\\}(\\ell)}", Statistic.metric(4, 4).latex("\\ell"));
    }

    @Test
    void evaluationOrderPutsEveryStatisticAfterTheOnesOfLowerSize() {
        assertEquals(List.of(Statistic.K0, Statistic.K1, Statistic.V4), Statistic.metricUpTo(1));
        assertEquals(List.of(Statistic.K0, Statistic.K1, Statistic.K2, Statistic.V4, Statistic.V4_1, Statistic.T6),
                Statistic.metricUpTo(2));
    }

    @Test
    void aCumulantCannotStartBeforeItsLeadingOrder() {
        assertThrows(IllegalArgumentException.class, () -> Statistic.metric(3, 1));
        assertThrows(IllegalArgumentException.class, () -> Statistic.metric(0, 1));
    }

    /** equals and hashCode are written out (start-up, docs/BENCHMARKS.md): they must still be the components'. */
    @Test
    void equalityIsThatOfKindSizeAndOrder() {
        List<Statistic> all = new ArrayList<>();
        List<int[]> components = new ArrayList<>();
        for (Statistic.Kind kind : Statistic.Kind.values()) {
            for (int size = 1; size <= 4; size++) {
                for (int order = 0; order <= 5; order++) {
                    try {
                        all.add(new Statistic(kind, size, order));
                        components.add(new int[] {kind.ordinal(), size, order});
                    } catch (IllegalArgumentException notAStatistic) {
                        // a cumulant before its leading order, or a size the kind does not have
                    }
                }
            }
        }
        for (int i = 0; i < all.size(); i++) {
            Statistic copy = new Statistic(all.get(i).kind(), all.get(i).size(), all.get(i).order());
            assertEquals(all.get(i), copy);
            assertEquals(all.get(i).hashCode(), copy.hashCode());
            for (int j = 0; j < all.size(); j++) {
                assertEquals(java.util.Arrays.equals(components.get(i), components.get(j)), all.get(i).equals(all.get(j)),
                        all.get(i) + " against " + all.get(j));
            }
            assertEquals(false, all.get(i).equals(null));
            assertEquals(false, all.get(i).equals(all.get(i).name()));
        }
    }
}
