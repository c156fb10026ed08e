package org.feynet.numerics;

/**
 * The per-layer algebra of one residual closure or of the exact route, as generated code (org.feynet.codegen writes one
 * class per closure from org.feynet.derive.ResidualSystem). It does not depend on the activation: every Gaussian
 * expectation comes from {@link ResidualMoments} (kernel closures) or {@link ExactResidualMoments} (exact route).
 */
public interface ResidualRecursions {

    /** The closure's keyword: G, Gproj, RG, RGM or exact. */
    String closure();

    /** A hash of everything the generated code depends on, to detect stale generated files. */
    String fingerprint();

    /**
     * Layer l's statistics, pair-indexed: K1R, K0G, K1G (ns each) and V4R, V4G (ns x ns), from the layer's state and
     * its single-point moments (mu, Hk, Fk; for the exact route the layer-indexed mu, H, F); l is the layer.
     */
    ResidualTensors readout(ResidualTensors in, int l, double eps2, double cb, double cw);

    /**
     * Layer l+1's state from layer l's state, the moments of layers l (mu, Hk, Fk) and l+1 (nu, Hn, Fn) and the step's
     * pair expectations (for the exact route: the layer-indexed moments and the pair expectations branching at l and
     * l+1); l is the layer, eps2 = eps_l^2.
     */
    ResidualTensors step(ResidualTensors in, int l, double eps2, double cb, double cw);
}
