package org.feynet.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
}
