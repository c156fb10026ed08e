package org.feynet.numerics;

/**
 * The per-layer algebra of one residual kernel closure, as generated code (org.feynet.codegen writes one class per
 * closure from org.feynet.derive.ResidualSystem). It does not depend on the activation: every Gaussian expectation
 * comes from {@link ResidualMoments}.
 */
public interface ResidualRecursions {

    /** The closure's keyword: G, Gproj, RG or RGM. */
    String closure();

    /** A hash of everything the generated code depends on, to detect stale generated files. */
    String fingerprint();

    /**
     * Layer l's statistics, pair-indexed: K1R, K0G, K1G (ns each) and V4R, V4G (ns x ns), from the layer's state and
     * its single-point moments mu, Hk, Fk.
     */
    ResidualTensors readout(ResidualTensors in, double eps2, double cb, double cw);

    /**
     * Layer l+1's state from layer l's state, the moments of layers l (mu, Hk, Fk) and l+1 (nu, Hn, Fn) and the step's
     * pair expectations; eps2 = eps_l^2.
     */
    ResidualTensors step(ResidualTensors in, double eps2, double cb, double cw);
}
