package org.feynet.training;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The standard errors of the seed means of one quantity q at several widths, from a single variance pooled over
 * all widths. At width n the networks' fluctuations are of order n^{-1/2} (the leading finite-width correction to
 * the mean-field dynamics: f(0) = w . sigma(h) / (gamma0 n) has variance Phi^L / (gamma0^2 n), and every kernel and
 * output inherits O(n^{-1/2}) fluctuations; Bordelon and Pehlevan, "Dynamics of finite width kernel and prediction
 * fluctuations in mean field neural networks", 2023), so
 * <pre>
 *   Var_n(q) = v / n + O(n^-2),   v_hat = sum_i n_i sum_s (q_is - mean_i)^2 / sum_i (k_i - 1),
 *   se_i = sqrt(v_hat / (n_i k_i)),
 * </pre>
 * with k_i seeds at width n_i. v_hat is unbiased when the law holds and has sum_i (k_i - 1) degrees of freedom
 * instead of k_i - 1 per width: with 4 to 6 seeds a width's own sample variance is often a factor 2 or more too
 * small (chi^2 with 3 to 5 degrees of freedom), and a fit weighted by such errors trusts that width too much and
 * states too small an error for its intercept (pulls of 3 to 5 sigma from correct theories, docs/METHOD.md).
 *
 * @param means            the seed mean at each width
 * @param errors           se_i, the pooled standard error of each mean
 * @param variance         v_hat, the pooled estimate of n Var_n(q)
 * @param degreesOfFreedom sum_i (k_i - 1)
 */
public record PooledSeedErrors(double[] means, double[] errors, double variance, int degreesOfFreedom) {

    public PooledSeedErrors {
        means = means.clone();
        errors = errors.clone();
    }

    /**
     * The pooled errors of {@code quantity} over {@code ensembles}.
     *
     * @throws IllegalArgumentException when no width has two seeds (no degree of freedom)
     */
    public static PooledSeedErrors of(List<Ensemble> ensembles, ToDoubleFunction<Trajectory> quantity) {
        int m = ensembles.size();
        double[] means = new double[m];
        double sum = 0;
        int dof = 0;
        for (int i = 0; i < m; i++) {
            Ensemble e = ensembles.get(i);
            means[i] = e.mean(quantity);
            for (Trajectory run : e.runs()) {
                double d = quantity.applyAsDouble(run) - means[i];
                sum += e.width() * d * d;
            }
            dof += e.runs().size() - 1;
        }
        if (dof < 1) {
            throw new IllegalArgumentException("pooled seed errors need two seeds at some width");
        }
        double variance = sum / dof;
        double[] errors = new double[m];
        for (int i = 0; i < m; i++) {
            errors[i] = Math.sqrt(variance / ((double) ensembles.get(i).width() * ensembles.get(i).runs().size()));
        }
        return new PooledSeedErrors(means, errors, variance, dof);
    }
}
