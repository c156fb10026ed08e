package org.feynet.numerics;

/**
 * Centred orthant probabilities P(z_1 > 0, ..., z_k > 0) for z ~ N(0, S), k = 0..4, S positive definite.
 * With the correlations r_ij = S_ij / sqrt(S_ii S_jj):
 * <pre>
 *   P_0 = 1,  P_1 = 1/2,  P_2 = 1/4 + asin(r_12) / (2 pi)   (Sheppard 1899),
 *   P_3 = 1/8 + (asin r_12 + asin r_13 + asin r_23) / (4 pi),
 *   P_4 = 1/16 + (1 / (2 pi)) sum_{i<j} int_0^{asin r_ij} P_2( r_{kl.ij}(sin(theta) / r_ij) ) d theta,
 * </pre>
 * the last from Plackett's identity dP_4/dr_ij = phi_2(0, 0; r_ij) P_2(r_{kl.ij}) (Plackett,
 * Biometrika 41 (1954); the reduction of Childs, Biometrika 54 (1967)) integrated along
 * R(t) = I + t (R - I), t in [0, 1]; r_{kl.ij}(t) is the partial correlation of the complementary pair
 * {k, l} given {i, j} under R(t). The substitution t r_ij = sin(theta) absorbs the factor
 * 1/sqrt(1 - t^2 r_ij^2) of phi_2, so the integrand stays bounded even as |r_ij| -> 1; R(t) is positive
 * definite on [0, 1] (a convex combination), so it is smooth, and adaptive Gauss–Legendre gives P_4 to
 * about 1e-15 absolute (checked against P_4 = 1/5 for equicorrelation 1/2 and against factorized cases).
 */
final class OrthantProbability {

    private OrthantProbability() {
    }

    /** P(z_x > 0 for every x in idx), z ~ N(0, cov) restricted to the samples idx. */
    static double of(double[][] cov, int[] idx) {
        int k = idx.length;
        double[][] r = new double[k][k];
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                double v = cov[idx[a]][idx[b]] / Math.sqrt(cov[idx[a]][idx[a]] * cov[idx[b]][idx[b]]);
                r[a][b] = a == b ? 1.0 : Math.max(-1.0, Math.min(1.0, v));
            }
        }
        switch (k) {
            case 0:
                return 1.0;
            case 1:
                return 0.5;
            case 2:
                return two(r[0][1]);
            case 3:
                return 0.125 + (Math.asin(r[0][1]) + Math.asin(r[0][2]) + Math.asin(r[1][2])) / (4 * Math.PI);
            case 4:
                return four(r);
            default:
                throw new UnsupportedOperationException("orthant probabilities for " + k + " > 4 samples");
        }
    }

    static double two(double rho) {
        return 0.25 + Math.asin(rho) / (2 * Math.PI);
    }

    static double four(double[][] r) {
        double sum = 0.0;
        for (int i = 0; i < 4; i++) {
            for (int j = i + 1; j < 4; j++) {
                double rij = r[i][j];
                if (rij == 0.0) {
                    continue;
                }
                int[] kl = complement(i, j);
                int ci = i;
                int cj = j;
                java.util.function.DoubleUnaryOperator g = theta -> {
                    double t = Math.sin(theta) / rij;
                    return two(partial(r, t, ci, cj, kl[0], kl[1]));
                };
                sum += GaussLegendre.integrate(g, 0.0, Math.asin(rij), 1e-15);
            }
        }
        return 0.0625 + sum / (2 * Math.PI);
    }

    /** Partial correlation of (k, l) given (i, j) for the correlation matrix I + t (R - I). */
    private static double partial(double[][] r, double t, int i, int j, int k, int l) {
        double rij = t * r[i][j];
        double det = 1 - rij * rij;
        double ki = t * r[k][i];
        double kj = t * r[k][j];
        double li = t * r[l][i];
        double lj = t * r[l][j];
        // Sigma_{ab,ij} Sigma_{ij}^{-1} Sigma_{ij,cd} with Sigma_{ij}^{-1} = [[1, -rij], [-rij, 1]] / det
        double kk = 1 - (ki * ki - 2 * rij * ki * kj + kj * kj) / det;
        double ll = 1 - (li * li - 2 * rij * li * lj + lj * lj) / det;
        double kl = t * r[k][l] - (ki * li - rij * (ki * lj + kj * li) + kj * lj) / det;
        double p = kl / Math.sqrt(kk * ll);
        return Math.max(-1.0, Math.min(1.0, p));
    }

    private static int[] complement(int i, int j) {
        int[] out = new int[2];
        int n = 0;
        for (int x = 0; x < 4; x++) {
            if (x != i && x != j) {
                out[n++] = x;
            }
        }
        return out;
    }
}
