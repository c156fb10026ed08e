package org.feynet.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.feynet.numerics.NumericalTrouble;
import org.junit.jupiter.api.Test;

class PsdSquareRootTest {

    private static void assertRootOf(double[][] k, double[][] r) {
        for (int a = 0; a < k.length; a++) {
            for (int b = 0; b < k.length; b++) {
                double sum = 0;
                for (int c = 0; c < r[a].length; c++) {
                    sum += r[a][c] * r[b][c];
                }
                assertEquals(k[a][b], sum, 1e-12);
            }
        }
    }

    @Test
    void fullRankKernelIsFactoredExactly() {
        double[][] k = {{1.0, 0.5, 0.2}, {0.5, 0.8, 0.1}, {0.2, 0.1, 2.0}};
        double[][] r = PsdSquareRoot.of(k);
        assertEquals(3, r[0].length);
        assertRootOf(k, r);
    }

    @Test
    void rankDeficientKernelGetsAThinRoot() {
        double[][] k = {{1, 2, 0}, {2, 4, 0}, {0, 0, 0}};
        double[][] r = PsdSquareRoot.of(k);
        assertEquals(1, r[0].length);
        assertRootOf(k, r);
    }

    @Test
    void indefiniteKernelIsNumericalTrouble() {
        assertThrows(NumericalTrouble.class, () -> PsdSquareRoot.of(new double[][] {{0, 1}, {1, 0}}));
        assertThrows(NumericalTrouble.class, () -> PsdSquareRoot.of(new double[][] {{1, 0}, {0, -1}}));
    }
}
