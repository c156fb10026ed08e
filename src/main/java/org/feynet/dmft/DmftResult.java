package org.feynet.dmft;

import java.util.Map;

/**
 * The infinite-width dynamics of a training problem at the report times.
 *
 * @param solver          "deep-linear" (closed equations) or "sampling" (alternating population solver)
 * @param times           the report times
 * @param full            the full DMFT solution (the mean over replicas for the sampling solver)
 * @param fullError       the Monte Carlo standard errors of {@code full} (between replicas), null for deep-linear
 * @param phi             Phi^l_{mu nu}(t, t), [l-1][time][mu][nu]
 * @param g               G^l_{mu nu}(t, t), [l-1][time][mu][nu]
 * @param phiTwoTime      Phi^l_{mu nu}(T, 0), [l-1][mu][nu]
 * @param approximations  by name (static_ntk, gia, perturbative), those requested
 * @param iterations      iterations of the full solution (the largest over replicas)
 * @param change          the last relative kernel change (the largest over replicas)
 * @param converged       whether every replica reached the tolerance
 * @param averaged        iterates averaged by a replica that did not converge (the most over replicas; 0 when all
 *                        converged): its solution is their mean ({@link TailAverage})
 * @param iterationSpread the averaged iterates' spread of f, max over (t, mu) of their standard deviation (the
 *                        largest over replicas; 0 when all converged)
 * @param tolerance       the tolerance of the iteration
 * @param timeError       Richardson estimate max |f_N - f_{N/2}| / 3 of the time discretisation error of f, or NaN
 * @param steps           N, the time steps
 * @param population      neurons per layer per replica (0 for deep-linear)
 * @param replicas        independent replicas (1 for deep-linear)
 * @param anderson        the history of the iteration's Anderson acceleration (0: plain damping)
 * @param responses       the sampling solver's response estimator, null for deep-linear
 * @param smoothing       for {@link ResponseEstimator#SMOOTHED}: the ladder of smooth activations and the
 *                        extrapolation that gave the solution; null otherwise
 */
public record DmftResult(String solver, double[] times, Curves full, Curves fullError, double[][][][] phi,
        double[][][][] g, double[][][] phiTwoTime, Map<String, Curves> approximations, int iterations, double change,
        boolean converged, int averaged, double iterationSpread, double tolerance, double timeError, int steps, int population, int replicas,
        int anderson, ResponseEstimator responses, Smoothing smoothing) {}
