package org.feynet.numerics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The analytic derivatives of the collective-field action H at its saddle point against central finite differences
 * of H evaluated from its definition (log det, inverse, trace by LU): H(O*) = 0, grad H(O*) = 0, the Hessian H2 and
 * the third derivative H3 contracted with a symmetric matrix. Step h = 1e-3; the central-difference truncation error
 * is h^2/6 times a higher derivative, which with Cw = 1.5 and D = C*^-1 of order one reaches ~10 to 100, so ~1e-5 for
 * the gradient and ~1e-4 for H2 (measured: 1.6e-6, and 1.5e-4 on a diagonal entry 4.2, where the stencil steps by 2h), plus rounding ~1e-16/h^3 ~ 1e-7 for H3: the bounds
 * 1e-5, 1e-4 (1 + |H2|) and 1e-3 (relative for H3) are safe, and a wrong factor or sign (an order-one error) cannot meet them.
 */
class CollectiveFieldActionTest {

    /** A tied C* on two steps of two samples (positive definite, off-diagonal in time). */
    private static final double[][] C_STAR = {
        {1.1, 0.4, 0.3, 0.2},
        {0.4, 0.9, 0.25, 0.35},
        {0.3, 0.25, 1.2, 0.5},
        {0.2, 0.35, 0.5, 1.0}};
    private static final double CB = 0.1;
    private static final double CW = 1.5;
    private static final double H = 1e-3;

    private static double[] saddle(CollectiveFieldAction action) {
        int[][] pairs = action.pairs();
        double[] o = new double[action.dimension()];
        for (int u = 0; u < pairs.length; u++) {
            o[u] = (C_STAR[pairs[u][0]][pairs[u][1]] - CB) / CW;
            o[pairs.length + u] = C_STAR[pairs[u][0]][pairs[u][1]];
        }
        return o;
    }

    private static double[] shifted(double[] o, int a, double da, int b, double db, int c, double dc) {
        double[] x = o.clone();
        x[a] += da;
        x[b] += db;
        x[c] += dc;
        return x;
    }

    @Test
    void actionVanishesWithItsGradientAtTheSaddlePoint() {
        for (boolean tied : new boolean[] {true, false}) {
            CollectiveFieldAction action = new CollectiveFieldAction(CB, CW, tied ? C_STAR : blockDiagonal(), 2, tied);
            double[] o = tied ? saddle(action) : saddleUntied(action);
            assertEquals(0, action.value(o), 1e-13);
            for (int a = 0; a < o.length; a++) {
                double gradient = (action.value(shifted(o, a, H, 0, 0, 0, 0))
                        - action.value(shifted(o, a, -H, 0, 0, 0, 0))) / (2 * H);
                assertEquals(0, gradient, 1e-5, "dH/dO_" + a);
            }
        }
    }

    @Test
    void hessianAndThirdDerivativeMatchFiniteDifferences() {
        CollectiveFieldAction action = new CollectiveFieldAction(CB, CW, C_STAR, 2, true);
        double[] o = saddle(action);
        int m = o.length;
        double[][] h2 = action.hessian();
        for (int a = 0; a < m; a++) {
            for (int b = 0; b < m; b++) {
                double fd = (action.value(shifted(o, a, H, b, H, 0, 0)) - action.value(shifted(o, a, H, b, -H, 0, 0))
                        - action.value(shifted(o, a, -H, b, H, 0, 0)) + action.value(shifted(o, a, -H, b, -H, 0, 0)))
                        / (4 * H * H);
                assertEquals(fd, h2[a][b], 1e-4 * (1 + Math.abs(fd)), "H2[" + a + "][" + b + "]");
            }
        }
        double[][] s = new double[m][m];
        for (int b = 0; b < m; b++) {
            for (int c = 0; c < m; c++) {
                s[b][c] = Math.cos(b + 2.0 * c) + Math.cos(c + 2.0 * b);
            }
        }
        double[] contracted = action.thirdContracted(s);
        for (int a = 0; a < m; a++) {
            double sum = 0;
            for (int b = 0; b < m; b++) {
                for (int c = 0; c < m; c++) {
                    sum += third(action, o, a, b, c) * s[b][c];
                }
            }
            assertEquals(sum, contracted[a], 1e-3 * (1 + Math.abs(sum)), "H3[s]_" + a);
        }
    }

    /** d^3 H / dO_a dO_b dO_c by central differences of the second derivative along c. */
    private static double third(CollectiveFieldAction action, double[] o, int a, int b, int c) {
        double plus = second(action, shifted(o, c, H, 0, 0, 0, 0), a, b);
        double minus = second(action, shifted(o, c, -H, 0, 0, 0, 0), a, b);
        return (plus - minus) / (2 * H);
    }

    private static double second(CollectiveFieldAction action, double[] o, int a, int b) {
        return (action.value(shifted(o, a, H, b, H, 0, 0)) - action.value(shifted(o, a, H, b, -H, 0, 0))
                - action.value(shifted(o, a, -H, b, H, 0, 0)) + action.value(shifted(o, a, -H, b, -H, 0, 0)))
                / (4 * H * H);
    }

    private static double[][] blockDiagonal() {
        double[][] c = new double[4][4];
        for (int f = 0; f < 4; f++) {
            for (int g = 0; g < 4; g++) {
                c[f][g] = f / 2 == g / 2 ? C_STAR[f][g] : 0;
            }
        }
        return c;
    }

    private static double[] saddleUntied(CollectiveFieldAction action) {
        int[][] pairs = action.pairs();
        double[][] c = blockDiagonal();
        double[] o = new double[action.dimension()];
        for (int u = 0; u < pairs.length; u++) {
            o[u] = (c[pairs[u][0]][pairs[u][1]] - CB) / CW;
            o[pairs.length + u] = c[pairs[u][0]][pairs[u][1]];
        }
        return o;
    }
}
