package org.feynet.dmft;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.feynet.model.TrainingProblem;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Leading-order perturbation theory in gamma0 against the full self-consistent solution at small gamma0.
 * <p>
 * Which power comes first: flipping the sign of the readout's initial weights (r^L -> -r^L, a symmetry of the
 * initialisation) flips z and g in every layer, and the gamma0 terms of the single-neuron processes (gamma0 Delta
 * Phi g in h, gamma0 Delta G sigma in z) then flip sign too, so the kernels and the flow are even in gamma0:
 * f(gamma0) = f0 + gamma0^2 f1 + gamma0^4 f2 + ..., K likewise. The perturbative approximation reports
 * f0 + gamma0^2 f1 with f1 from the kernels' second derivative at the lazy residuals and the linearised flow; the
 * full solver knows nothing of this expansion. From full solutions at gamma0 = 0.05, 0.1, 0.2 the coefficient
 * c(gamma) = (f(gamma) - f0) / gamma^2 (f0 the full solver's own lazy solution on the same grid, at gamma0 = 1e-4, so
 * that the time discretisation of f0 does not enter; the trapezoid step of the perturbative flow is exactly the
 * gamma0^2 term of the full flow's step) = f1 + gamma^2 f2 + ... is extrapolated to gamma = 0 by Richardson from the
 * first two values (remainder O(gamma1^2 gamma2^2)); the estimate from the last two differs from it by more than
 * its remainder, and bounds it. The perturbative coefficient has its own error, O(eps^2 f2) from the symmetric
 * second difference in gamma (eps = 0.02), bounded by 4 eps^2 max |f2| with f2 estimated from the same full
 * solutions, and it is taken at the exact lazy residuals rather than the trapezoid rule's (a relative difference
 * delta of O(dt^2), measured; the correction is at most cubic in the residuals, so 5 delta |f1| bounds it), and
 * 1e-3 of the largest coefficient covers the O(eps^2) relative error of the second difference (eps^2 = 4e-4 times a
 * ratio of quartic to quadratic kernel coefficients; the measured discrepancy is 9.5e-4 of the largest coefficient,
 * the largest tolerance 5e-4 against a largest coefficient of 0.41). The same comparison is made for the NTK. The
 * deep-linear solver is used: the sampling solver at a few hundred neurons is not smooth enough in gamma0 for
 * (f(gamma) - f0) / gamma^2 to be extrapolated (its Monte Carlo noise enters divided by gamma^2; tried for tanh with
 * 300 neurons, it is off by 0.17 against a largest coefficient of 1.3), so a tanh network is not checked this way.
 * The test also requires the coefficient to be large compared with the tolerance, so that it can fail.
 */
class PerturbativeLimitTest {

    private static final double[] GAMMAS = {0.05, 0.1, 0.2};
    private static final double EPSILON = 0.02;
    /** The lazy reference: the full solver on the same grid (and population) at gamma0^2 = 1e-8. */
    private static final double REFERENCE = 1e-4;

    @ParameterizedTest(name = "sigma = {0}, sampling = {1}")
    @CsvSource({"z, false, 3e-3, 1e-3"})
    void fullSolutionApproachesLeadingOrderPerturbationTheory(String sigma, boolean sampling, double ridge,
            double share) {
        double[] lazy = flatten(solve(sigma, sampling, ridge, REFERENCE, false).full());
        double[][] c = new double[GAMMAS.length][];
        double[] perturbative = null;
        double discretisation = 0;
        for (int i = 0; i < GAMMAS.length; i++) {
            DmftResult r = solve(sigma, sampling, ridge, GAMMAS[i], i == 1);
            c[i] = coefficient(flatten(r.full()), lazy, GAMMAS[i]);
            if (i == 1) {
                double[] exactLazy = flatten(r.approximations().get("static_ntk"));
                perturbative = coefficient(flatten(r.approximations().get("perturbative")), exactLazy, GAMMAS[i]);
                discretisation = relativeDifference(exactLazy, lazy);
            }
        }
        double[] first = richardson(c[0], c[1], GAMMAS[0], GAMMAS[1]);
        double[] second = richardson(c[1], c[2], GAMMAS[1], GAMMAS[2]);
        double largest = 0;
        for (double value : first) {
            largest = Math.max(largest, Math.abs(value));
        }
        double worst = 0;
        double relative = 0;
        for (int q = 0; q < first.length; q++) {
            double f2 = (c[1][q] - c[0][q]) / (GAMMAS[1] * GAMMAS[1] - GAMMAS[0] * GAMMAS[0]);
            double tolerance = Math.abs(first[q] - second[q]) + 4 * EPSILON * EPSILON * Math.abs(f2)
                    + 5 * discretisation * Math.abs(first[q]) + share * largest + 1e-7;
            double discrepancy = Math.abs(first[q] - perturbative[q]);
            relative = Math.max(relative, discrepancy / largest);
            assertTrue(discrepancy <= tolerance, "entry " + q + ": extrapolated " + first[q] + ", perturbative "
                    + perturbative[q] + ", tolerance " + tolerance + "; largest correction " + largest);
            worst = Math.max(worst, tolerance);
        }
        System.out.printf("perturbative limit, sigma = %s: largest first-order coefficient %.4g, largest discrepancy "
                + "%.2e of it, largest tolerance %.3g%n", sigma, largest, relative, worst);
        assertTrue(largest > 20 * worst, "the first correction (" + largest + ") must dwarf the tolerance (" + worst
                + ")");
    }

    private static DmftResult solve(String sigma, boolean sampling, double ridge, double gamma, boolean perturbative) {
        TrainingProblem problem = Problems.of(2, sigma, gamma, 4);
        DmftResult r = Dynamics.solve(problem, new Dynamics.Options(40, sampling, 300, 2, 3, 0.6, 1e-11, 300,
                true, false, perturbative, false, ridge));
        assertTrue(r.converged(), "gamma0 = " + gamma + ": " + r.change());
        return r;
    }

    /** f and the NTK at every report time after the first, one vector. */
    private static double[] flatten(Curves curves) {
        int times = curves.f().length;
        int p = curves.f()[0].length;
        double[] out = new double[(times - 1) * (p + p * p)];
        int q = 0;
        for (int t = 1; t < times; t++) {
            for (int mu = 0; mu < p; mu++) {
                out[q++] = curves.f()[t][mu];
                for (int nu = 0; nu < p; nu++) {
                    out[q++] = curves.ntk()[t][mu][nu];
                }
            }
        }
        return out;
    }

    /** max |a - b| / max |a|: the trapezoid rule's relative error in the lazy solution. */
    private static double relativeDifference(double[] a, double[] b) {
        double difference = 0;
        double size = 0;
        for (int q = 0; q < a.length; q++) {
            difference = Math.max(difference, Math.abs(a[q] - b[q]));
            size = Math.max(size, Math.abs(a[q]));
        }
        return difference / size;
    }

    private static double[] coefficient(double[] full, double[] lazy, double gamma) {
        double[] c = new double[full.length];
        for (int q = 0; q < c.length; q++) {
            c[q] = (full[q] - lazy[q]) / (gamma * gamma);
        }
        return c;
    }

    /** The value at gamma = 0 of c = a + b gamma^2 through (g1, c1) and (g2, c2). */
    private static double[] richardson(double[] c1, double[] c2, double g1, double g2) {
        double[] out = new double[c1.length];
        for (int q = 0; q < out.length; q++) {
            out[q] = (g2 * g2 * c1[q] - g1 * g1 * c2[q]) / (g2 * g2 - g1 * g1);
        }
        return out;
    }
}
