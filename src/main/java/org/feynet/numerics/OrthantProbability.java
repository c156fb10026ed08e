package org.feynet.numerics;

/**
 * Centred orthant probabilities P(z_1 > 0, ..., z_k > 0) for z ~ N(0, S), k = 0..6, S positive definite.
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
 *
 * <p>Five and six samples use the same identity one level up (Plackett 1954; these orthant
 * probabilities end the truncated-moment recursion of Kan &amp; Robotti, J. Comput. Graph. Stat. 26 (2017)):
 * <pre>
 *   P_d(R) = 2^{-d} + (1 / (2 pi)) sum_{i<j} int_0^{asin r_ij} P_{d-2}( R_{rest.ij}(sin(theta) / r_ij) ) d theta,
 * </pre>
 * where R_{rest.ij}(t) is the (d-2) x (d-2) matrix of partial correlations of the other samples given
 * z_i = z_j = 0 under R(t) = I + t (R - I) (Schur complement of the {i, j} block, rescaled to unit diagonal).
 * P_5 needs the closed-form P_3 inside, so it is one adaptive 1-D integral per pair; P_6 needs P_4 inside,
 * itself a 1-D integral: a nested integral (15 outer times 6 inner). R(t) has eigenvalues
 * 1 - t + t lambda(R) >= 1 - t, so it is positive definite at every interior node (Gauss–Legendre never
 * evaluates the endpoint t = 1); where R is (nearly) singular a conditional variance may still underflow
 * close to t = 1: the integrand is a probability in [0, 1] whatever the conditional correlation, so
 * partial correlations are clamped to [-1, 1] and taken as 0 where a conditional variance is not positive
 * (a set of measure zero in theta), and the integral stays finite. A non-finite result raises
 * {@link NumericalTrouble}. Accuracy (measured): P_5 and P_6 within 2e-14 absolute for equicorrelations up
 * to 0.999 (P_5 within 1e-15 at 0.9999), a few 1e-16 for well-conditioned R; P_6 takes ~20 ms (about 1 s
 * at equicorrelation 0.9999, where the integrands carry rounding noise ~1e-9 near t = 1 and the quadrature
 * stops refining at the noise floor, see NOISE). Checked against 1/(d+1) for equicorrelation 1/2, against the
 * one-dimensional integral int phi(x) Phi(x sqrt(rho / (1 - rho)))^d dx for equicorrelation rho >= 0, and
 * against products for block-diagonal R.
 */
final class OrthantProbability {

    /**
     * Rounding level of the integrands of P_5, P_6 (and P_4 inside P_6) per unit of theta: the Schur
     * complement loses about 1e-16 / lambda_min(R(t))^2 relative, which near a nearly singular R exceeds
     * the tolerance, so panels stop refining there (see {@link GaussLegendre}).
     */
    private static final double NOISE = 1e-13;
    private static final int MAX_DEPTH = 12;

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
                return three(r);
            case 4:
                return four(r);
            case 5:
            case 6:
                return checked(higher(r), k);
            default:
                throw new UnsupportedOperationException("orthant probabilities for " + k + " > 6 samples");
        }
    }

    private static double checked(double p, int k) {
        if (!Double.isFinite(p)) {
            throw new NumericalTrouble("orthant probability P_" + k + " is not finite (" + p + ")");
        }
        return Math.max(0.0, Math.min(1.0, p));
    }

    /** P_d for a correlation matrix r of dimension d = 0..6 (unit diagonal, |r_ij| <= 1). */
    static double ofCorrelation(double[][] r) {
        switch (r.length) {
            case 0:
                return 1.0;
            case 1:
                return 0.5;
            case 2:
                return two(r[0][1]);
            case 3:
                return three(r);
            case 4:
                return four(r, true);
            case 5:
            case 6:
                return higher(r);
            default:
                throw new UnsupportedOperationException("orthant probabilities for " + r.length + " > 6 samples");
        }
    }

    static double three(double[][] r) {
        return 0.125 + (Math.asin(r[0][1]) + Math.asin(r[0][2]) + Math.asin(r[1][2])) / (4 * Math.PI);
    }

    /** Plackett's reduction P_d -> P_{d-2} for d = 5, 6 (see the class comment). */
    static double higher(double[][] r) {
        int d = r.length;
        double sum = 0.0;
        // P_5: P_3 inside is closed form; P_6: P_4 inside is itself a quadrature (noise ~1e-16), so the
        // outer tolerance stays above that noise
        double tol = d == 5 ? 1e-15 : 1e-14;
        for (int i = 0; i < d; i++) {
            for (int j = i + 1; j < d; j++) {
                double rij = r[i][j];
                if (rij == 0.0) {
                    continue;
                }
                int ci = i;
                int cj = j;
                java.util.function.DoubleUnaryOperator g = theta -> {
                    double t = Math.sin(theta) / rij;
                    return ofCorrelation(conditionalCorrelation(r, t, ci, cj));
                };
                sum += GaussLegendre.integrate(g, 0.0, Math.asin(rij), tol, NOISE, MAX_DEPTH);
            }
        }
        return Math.pow(0.5, d) + sum / (2 * Math.PI);
    }

    /**
     * Partial correlations of the samples other than i, j given z_i = z_j = 0, for the correlation matrix
     * I + t (R - I): Sigma_rest - Sigma_{rest,ij} Sigma_ij^{-1} Sigma_{ij,rest}, rescaled to unit diagonal.
     */
    static double[][] conditionalCorrelation(double[][] r, double t, int i, int j) {
        int d = r.length;
        int m = d - 2;
        int[] rest = new int[m];
        for (int x = 0, n = 0; x < d; x++) {
            if (x != i && x != j) {
                rest[n++] = x;
            }
        }
        double rij = t * r[i][j];
        double det = 1 - rij * rij;
        double[] ai = new double[m];
        double[] aj = new double[m];
        for (int a = 0; a < m; a++) {
            ai[a] = t * r[rest[a]][i];
            aj[a] = t * r[rest[a]][j];
        }
        double[][] c = new double[m][m];
        for (int a = 0; a < m; a++) {
            for (int b = a; b < m; b++) {
                double base = a == b ? 1.0 : t * r[rest[a]][rest[b]];
                c[a][b] = base - (ai[a] * ai[b] - rij * (ai[a] * aj[b] + aj[a] * ai[b]) + aj[a] * aj[b]) / det;
                c[b][a] = c[a][b];
            }
        }
        double[][] out = new double[m][m];
        for (int a = 0; a < m; a++) {
            out[a][a] = 1.0;
            for (int b = a + 1; b < m; b++) {
                double v = c[a][a] > 0 && c[b][b] > 0 ? c[a][b] / Math.sqrt(c[a][a] * c[b][b]) : 0.0;
                v = Double.isNaN(v) ? 0.0 : Math.max(-1.0, Math.min(1.0, v));
                out[a][b] = v;
                out[b][a] = v;
            }
        }
        return out;
    }

    static double two(double rho) {
        return 0.25 + Math.asin(rho) / (2 * Math.PI);
    }

    static double four(double[][] r) {
        return four(r, false);
    }

    /** P_4; {@code nested}: inside P_6, with the noise-aware quadrature of {@link #higher}. */
    private static double four(double[][] r, boolean nested) {
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
                sum += nested ? GaussLegendre.integrate(g, 0.0, Math.asin(rij), 1e-15, NOISE, MAX_DEPTH)
                    : GaussLegendre.integrate(g, 0.0, Math.asin(rij), 1e-15);
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
        if (!(kk > 0 && ll > 0)) {
            return 0.0; // a conditional variance underflowed (singular R near t = 1): measure zero, see above
        }
        double p = kl / Math.sqrt(kk * ll);
        return Double.isNaN(p) ? 0.0 : Math.max(-1.0, Math.min(1.0, p));
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
