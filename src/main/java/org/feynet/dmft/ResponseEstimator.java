package org.feynet.dmft;

/**
 * How the sampling solver estimates the responses A^l = &lt;d sigma(h^l)/d r^l&gt; and B^{l-1} = &lt;d g^l/d u^l&gt; from its
 * population (docs/METHOD.md, DMFT numerics).
 */
public enum ResponseEstimator {
    /**
     * Gaussian integration by parts, &lt;dx/d source&gt; = &lt;x e^T&gt; L^{-1} with L the (ridged) Cholesky factor of the
     * source's kernel ({@link SampledLayer}): unbiased for any sigma up to the ridge, but its noise is amplified by
     * L^{-1}.
     */
    STEIN,
    /**
     * Each neuron's trajectory differentiated with respect to its sources ({@link PathwiseResponses}): no ridge, no
     * amplification; unbiased where sigma' is absolutely continuous (not at a kink such as relu's, whose delta
     * function in sigma'' it misses).
     */
    PATHWISE,
    /**
     * For a kinked activation (relu, abs, max): its kinks smoothed into softplus peaks of width 1/beta
     * ({@link org.feynet.model.KinkSmoothing}), each smooth activation of a ladder of beta solved with pathwise
     * responses (which then see the kink's delta function as the peak of sigma''), and the results extrapolated to
     * 1/beta = 0 by a polynomial in 1/beta ({@link KinkLimit}).
     */
    SMOOTHED;

    /** The name on the command line and in the JSON. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
