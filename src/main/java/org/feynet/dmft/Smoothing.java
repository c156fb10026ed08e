package org.feynet.dmft;

import java.util.List;

/**
 * How a kinked activation's DMFT was obtained as the limit of smooth ones ({@link KinkLimit}).
 *
 * @param betas              the ladder of beta, the kinks smoothed into softplus of width 1/beta
 * @param weights            the extrapolation to 1/beta = 0: q_inf = sum_k weights[k] q(betas[k])
 * @param extrapolationError the extrapolation error of each reported quantity: |full extrapolation - one order less|
 * @param rungs              the solution at each beta (mean over replicas)
 */
public record Smoothing(double[] betas, double[] weights, Curves extrapolationError, List<Curves> rungs) {}
