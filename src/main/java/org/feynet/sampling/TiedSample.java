package org.feynet.sampling;

/**
 * The statistics of a weight-tied network over N independent networks of width n: per step t = 1..T the empirical
 * kernel R^(t) (in {@link #steps}, whose layer l is the step t: E[R^(t)_{ab}] and n Cov(R^(t)_{a1a2}, R^(t)_{a3a4})
 * with standard errors, the estimators of {@link NetworkSampler}), and the mean of the two-step kernel R^(t,s).
 *
 * @param steps         per step, the mean and n times the covariance of R^(t) (layer = step)
 * @param twoStepMean   the sample mean of R^(t,s)_{ab}, [t-1][s-1][a][b]
 * @param twoStepError  its standard error (batch means), same indices
 */
public record TiedSample(MetricSample steps, double[][][][] twoStepMean, double[][][][] twoStepError) {}
