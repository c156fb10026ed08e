package org.feynet.numerics;

import java.util.Optional;
import org.feynet.model.Activation;
import org.feynet.model.Activation.ClosedForm;
import org.feynet.model.ScalarExpr;
import org.feynet.model.ScalarFunction;

/**
 * The choice of {@link GaussianMoments} engine for an activation: exact wherever an exact engine exists, quadrature
 * otherwise. In this order:
 * <ol>
 * <li>ReLU ({@link ClosedForm#RELU}): {@link ReluMoments}, exact (derivatives of a kink are distributions).</li>
 * <li>Another kink (the expression calls abs or max, {@link ScalarExpr#hasKink}): {@link PiecewiseLinearMoments} when
 *     sigma(z) = a relu(z)^p + b relu(-z)^p, p = 1..4 ({@link PiecewiseLinearMoments#shape}: abs, leaky relu, the
 *     squared relu, z|z|, ...); any other kink is refused ({@link UnsupportedOperationException}), since quadrature
 *     of its derivatives would miss their delta functions.</li>
 * <li>sin ({@link ClosedForm#SIN}): {@link SinMoments}, exact.</li>
 * <li>The identity ({@link ClosedForm#LINEAR}): {@link LinearMoments}, exact (Isserlis).</li>
 * <li>Any other polynomial of degree D ({@link ScalarExpr#polynomialDegree}): {@link GaussHermiteMoments#polynomial},
 *     a fixed rule exact for every moment feynet asks for, at any variance.</li>
 * <li>Anything else (tanh, erf, gelu, swish, ...): {@link GaussHermiteMoments#calibrated} on the activation's jet.</li>
 * </ol>
 * The piecewise-power test runs only on expressions with a kink: smooth polynomials such as z^2 also have that shape,
 * but Gauss–Hermite quadrature integrates them exactly up to rounding and, unlike the reduction to ReLU moments (whose
 * delta factors need a nonsingular covariance), accepts singular covariances.
 */
public final class GaussianEngines {

    private GaussianEngines() {}

    /**
     * The engine for {@code activation}, as listed above.
     *
     * @param activation the network's activation
     * @param jet        its derivatives, for the quadrature engine (generated code, see org.feynet.codegen)
     * @throws UnsupportedOperationException if the activation has a kink that no exact engine handles
     * @throws NumericalTrouble              if the quadrature does not converge for this activation
     */
    public static GaussianMoments forActivation(Activation activation, ActivationJet jet) {
        return forActivation(activation, jet, java.util.OptionalInt.empty());
    }

    /**
     * As {@link #forActivation(Activation, ActivationJet)}, with the node count that {@link
     * GaussHermiteMoments#calibrated} chose for this activation before (remembered by the caller, so that the
     * calibration, which costs more than most evaluations, runs once per activation); empty to calibrate.
     */
    public static GaussianMoments forActivation(Activation activation, ActivationJet jet,
                                                java.util.OptionalInt calibratedNodes) {
        if (activation == null || jet == null) {
            throw new IllegalArgumentException((activation == null ? "activation" : "jet") + " must not be null");
        }
        if (activation.closedForm() == ClosedForm.RELU) {
            return new ReluMoments();
        }
        if (ScalarExpr.hasKink(activation.expression())) {
            double[] shape = piecewisePower(activation).orElseThrow(() -> unsupportedKink(activation));
            return new PiecewiseLinearMoments(shape[0], shape[1], (int) shape[2]);
        }
        return switch (activation.closedForm()) {
            case SIN -> new SinMoments();
            case LINEAR -> new LinearMoments();
            default -> ScalarExpr.polynomialDegree(activation.expression()).isPresent()
                    ? GaussHermiteMoments.polynomial(jet, ScalarExpr.polynomialDegree(activation.expression()).getAsInt())
                    : calibratedNodes.isPresent() ? new GaussHermiteMoments(jet, calibratedNodes.getAsInt())
                    : GaussHermiteMoments.calibrated(jet);
        };
    }

    /**
     * Refuses, before any work, an activation that {@link #forActivation} would refuse.
     *
     * @throws UnsupportedOperationException with a one-line message naming the activation and what is supported
     */
    public static void requireSupported(Activation activation) {
        if (activation == null) {
            throw new IllegalArgumentException("activation must not be null");
        }
        if (activation.closedForm() != ClosedForm.RELU && ScalarExpr.hasKink(activation.expression())
                && piecewisePower(activation).isEmpty()) {
            throw unsupportedKink(activation);
        }
    }

    /** (a, b, p) when sigma = a relu(z)^p + b relu(-z)^p, p = 1..4. */
    private static Optional<double[]> piecewisePower(Activation activation) {
        return PiecewiseLinearMoments.shape(ScalarFunction.of(activation.expression()));
    }

    private static UnsupportedOperationException unsupportedKink(Activation activation) {
        return new UnsupportedOperationException("activation " + activation.name() + " has a kink (abs or max) of a"
                + " kind feynet cannot integrate exactly; it handles a relu(z)^p + b relu(-z)^p, p = 1..4: relu, abs,"
                + " leaky relu, squared relu, z*abs(z)");
    }
}
