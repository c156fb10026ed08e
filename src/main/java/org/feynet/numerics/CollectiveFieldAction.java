package org.feynet.numerics;

import java.util.ArrayList;
import java.util.List;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;

/**
 * The collective-field action of a network z^(t+1) = b + W sigma(z^(t)), t = 1..T-1, with P inputs, tied or untied
 * weights, relative to its infinite-width saddle point.
 *
 * <h2>The action</h2>
 * Index the steps 2..T and the samples by f = (t-2) P + a (N = (T-1) P of them); the same f numbers the activations
 * phi_f = sigma(z^(t-1)_a) of steps 1..T-1 that feed them. Row i of (b, W) is a Gaussian vector independent of the
 * other rows and of z^(1), so given phi, z_i(2..T) = b_i + W_i . phi is Gaussian with covariance
 * <pre>
 *   C(Phi)_fg = Cb + Cw Phi_fg        (tied: every f, g;  untied: only f, g of the same step, else 0),
 *   Phi_fg = (1/n) sum_j phi_{j;f} phi_{j;g},
 * </pre>
 * and conditioning step after step telescopes to the exact law p(z(2..T) | z(1)) = prod_i N(z_i; 0, C(Phi-hat)).
 * Against n independent copies of the saddle-point process nu* (z(1) ~ N(0, K^(1)) independent of z(2..T) ~ N(0,
 * C*), C* = C(Phi*), Phi* = E_nu*[phi phi^T]) the density is exp(-n H(Phi-hat, R-hat)), R-hat = (1/n) sum_i z_i z_i^T,
 * <pre>
 *   H(Phi, R) = 1/2 log det C(Phi) - 1/2 log det C* + 1/2 tr[(C(Phi)^-1 - C*^-1) R].
 * </pre>
 * H(O*) = 0 and its gradient vanishes at O* = (Phi*, R* = C*).
 *
 * <h2>Coordinates and derivatives</h2>
 * The coordinates are the unique entries (f &lt;= g) of Phi, then of R, that H depends on (tied: all pairs; untied:
 * pairs of the same step), u = (f, g) standing for the symmetric unit matrix S_u = e_f e_g^T + e_g e_f^T (f != g) or
 * e_f e_f^T. With D = C*^-1, dC = Cw S_u, tau2(u, v) = tr(D S_u D S_v) and tau3(u, v, w) = tr(D S_u D S_v D S_w), the
 * derivatives at O* are (d log det C = tr(D dC), dD = -D dC D, and D R* = 1)
 * <pre>
 *   H2[Phi_u, Phi_v] = Cw^2/2 tau2(u, v),   H2[Phi_u, R_v] = -Cw/2 tau2(u, v),   H2[R, R] = 0,
 *   H3[Phi_u, Phi_v, Phi_w] = -Cw^3 (tau3(u, v, w) + tau3(u, w, v)),
 *   H3[Phi_u, Phi_v, R_w]   = Cw^2/2 (tau3(u, v, w) + tau3(v, u, w)),   H3 with two or three R = 0.
 * </pre>
 */
final class CollectiveFieldAction {

    private final double cw;
    private final double[][] cStar;
    private final double[][] d;
    private final int[][] pairs;
    private final boolean tied;
    private final int perStep;
    private final double cb;

    /**
     * @param cStar   C* on steps 2..T (N x N, untied: block diagonal), which must be invertible
     * @param perStep P, the number of samples per step
     */
    CollectiveFieldAction(double cb, double cw, double[][] cStar, int perStep, boolean tied) {
        this.cb = cb;
        this.cw = cw;
        this.cStar = cStar;
        this.perStep = perStep;
        this.tied = tied;
        RealMatrix c = MatrixUtils.createRealMatrix(cStar);
        LUDecomposition lu = new LUDecomposition(c, 1e-13);
        if (!lu.getSolver().isNonSingular()) {
            throw new NumericalTrouble("the infinite-width kernel C* of steps 2.." + (cStar.length / perStep + 1)
                    + " is singular (equal inputs, or a kernel that collapsed): the collective-field expansion needs"
                    + " its inverse");
        }
        this.d = lu.getSolver().getInverse().getData();
        List<int[]> list = new ArrayList<>();
        for (int f = 0; f < cStar.length; f++) {
            for (int g = f; g < cStar.length; g++) {
                if (tied || f / perStep == g / perStep) {
                    list.add(new int[] {f, g});
                }
            }
        }
        this.pairs = list.toArray(new int[0][]);
    }

    /** The pairs (f, g), f &lt;= g, of the Phi coordinates and, in the same order, of the R coordinates. */
    int[][] pairs() {
        return pairs.clone();
    }

    /** Number of coordinates: twice the number of pairs (Phi part first, then R). */
    int dimension() {
        return 2 * pairs.length;
    }

    /** H at the point o (coordinates as above), evaluated from its definition. */
    double value(double[] o) {
        int m = pairs.length;
        int n = cStar.length;
        double[][] c = new double[n][n];
        double[][] r = new double[n][n];
        for (int u = 0; u < m; u++) {
            int f = pairs[u][0];
            int g = pairs[u][1];
            c[f][g] = c[g][f] = cb + cw * o[u];
            r[f][g] = r[g][f] = o[m + u];
        }
        LUDecomposition lu = new LUDecomposition(MatrixUtils.createRealMatrix(c));
        LUDecomposition luStar = new LUDecomposition(MatrixUtils.createRealMatrix(cStar));
        RealMatrix inverse = lu.getSolver().getInverse();
        RealMatrix difference = inverse.subtract(MatrixUtils.createRealMatrix(d));
        double trace = difference.multiply(MatrixUtils.createRealMatrix(r)).getTrace();
        return 0.5 * Math.log(lu.getDeterminant() / luStar.getDeterminant()) + 0.5 * trace;
    }

    /** The Hessian H2 at O*, dimension() x dimension(). */
    double[][] hessian() {
        int m = pairs.length;
        double[][] h = new double[2 * m][2 * m];
        for (int u = 0; u < m; u++) {
            for (int v = 0; v < m; v++) {
                double t2 = tau2(pairs[u], pairs[v]);
                h[u][v] = 0.5 * cw * cw * t2;
                h[u][m + v] = -0.5 * cw * t2;
                h[m + v][u] = -0.5 * cw * t2;
            }
        }
        return h;
    }

    /** H3[s]_a = sum_bc H3_abc s_bc, the third derivative at O* contracted with a symmetric matrix s. */
    double[] thirdContracted(double[][] s) {
        int m = pairs.length;
        double[] out = new double[2 * m];
        for (int u = 0; u < m; u++) {
            for (int v = 0; v < m; v++) {
                for (int w = 0; w < m; w++) {
                    double phiPhiPhi = -cw * cw * cw * (tau3(pairs[u], pairs[v], pairs[w])
                            + tau3(pairs[u], pairs[w], pairs[v]));
                    out[u] += phiPhiPhi * s[v][w];
                    // H3[Phi_u, Phi_v, R_w]: a = u with (b, c) = (v, R_w) and (R_w, v); a = R_w with (b, c) = (u, v)
                    double phiPhiR = 0.5 * cw * cw * (tau3(pairs[u], pairs[v], pairs[w])
                            + tau3(pairs[v], pairs[u], pairs[w]));
                    out[u] += phiPhiR * (s[v][m + w] + s[m + w][v]);
                    out[m + w] += phiPhiR * s[u][v];
                }
            }
        }
        return out;
    }

    /** The ordered index pairs (p, q) whose unit matrices e_p e_q^T sum to S_u. */
    private static int[][] ordered(int[] u) {
        return u[0] == u[1] ? new int[][] {u} : new int[][] {u, {u[1], u[0]}};
    }

    /** tr(D S_u D S_v) = sum over (p, q) in u, (r, s) in v of D_sp D_qr. */
    private double tau2(int[] u, int[] v) {
        double sum = 0;
        for (int[] pq : ordered(u)) {
            for (int[] rs : ordered(v)) {
                sum += d[rs[1]][pq[0]] * d[pq[1]][rs[0]];
            }
        }
        return sum;
    }

    /** tr(D S_u D S_v D S_w) = sum over (p, q) in u, (r, s) in v, (x, y) in w of D_yp D_qr D_sx. */
    private double tau3(int[] u, int[] v, int[] w) {
        double sum = 0;
        for (int[] pq : ordered(u)) {
            for (int[] rs : ordered(v)) {
                double left = d[pq[1]][rs[0]];
                for (int[] xy : ordered(w)) {
                    sum += d[xy[1]][pq[0]] * left * d[rs[1]][xy[0]];
                }
            }
        }
        return sum;
    }

    boolean tied() {
        return tied;
    }
}
