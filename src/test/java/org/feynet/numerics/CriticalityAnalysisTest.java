package org.feynet.numerics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.function.DoubleUnaryOperator;
import org.feynet.codegen.Evaluators;
import org.feynet.derive.ActivationCalculus;
import org.feynet.lang.ModelReader;
import org.feynet.model.Activation;
import org.junit.jupiter.api.Test;

/**
 * The criticality analysis against closed forms (PDLT chapter 5) and against independent quadrature: composite
 * Simpson rules on [-12, 12] standard deviations written here, sharing nothing with the engines.
 */
class CriticalityAnalysisTest {

    private static final double TOL = CriticalityAnalysis.DEFAULT_TOLERANCE;

    static CriticalityAnalysis analysis(String activation) {
        String text = String.format(Locale.ROOT, "network t {%n  width n%n  depth L = 3%n  activation sigma(z) = %s%n"
                + "  init b ~ normal(0, Cb), W ~ normal(0, Cw/n) with Cb = 0, Cw = 1%n  input gram [[1.0]]%n"
                + "  z[l+1] = b[l+1] + W[l+1] . sigma(z[l])   for l = 1 .. L-1%n}%nderive metric to order 1/n%n",
                activation);
        Activation act = ModelReader.parse("t.fnet", text).networks().get(0).activation();
        ActivationJet jet = Evaluators.jet(new ActivationCalculus(act));
        return new CriticalityAnalysis(act, GaussianEngines.forActivation(act, jet), jet, TOL);
    }

    /** ReLU: f(K) = Cb + Cw K/2 exactly, so chi_par = chi_perp = Cw/2 for every K (PDLT section 5.2). */
    @Test
    void reluKernelFlowsAndSusceptibilitiesAreHalfCw() {
        CriticalityAnalysis relu = analysis("max(0, z)");
        Criticality ordered = relu.at(0, 1.5, 1.0);
        assertEquals(Criticality.Flow.TO_ZERO, ordered.flow());
        assertEquals(0.0, ordered.kStar().getAsDouble());
        assertEquals(0.75, ordered.chiPerp().getAsDouble(), 1e-14);
        assertEquals(0.75, ordered.chiPar().getAsDouble(), 1e-14);
        assertEquals(0.5 * Math.log(0.75), ordered.lyapunov().getAsDouble(), 1e-14);
        assertEquals(-1 / Math.log(0.75), ordered.xiPar().getAsDouble(), 1e-12);
        assertEquals(1.0, ordered.cStar().getAsDouble());
        assertEquals(Criticality.Phase.ORDERED, ordered.phase());

        Criticality critical = relu.at(0, 2.0, 0.7);
        assertEquals(Criticality.Flow.FIXED_LINE, critical.flow());
        assertEquals(0.7, critical.kStar().getAsDouble());
        assertEquals(Criticality.Phase.CRITICAL, critical.phase());
        assertTrue(critical.tunedToCriticality());
        assertTrue(critical.xiPar().isEmpty() && critical.notes().containsKey("xi_par"));

        Criticality exploding = relu.at(0, 3.0, 1.0);
        assertEquals(Criticality.Flow.TO_INFINITY, exploding.flow());
        assertTrue(exploding.kStar().isEmpty() && exploding.notes().containsKey("K_star"));
        assertEquals(1.5, exploding.chiPerp().getAsDouble(), 1e-14);
        assertEquals(Criticality.Phase.CHAOTIC, exploding.phase());

        Criticality biased = relu.at(0.5, 1.0, 3.0);
        assertEquals(Criticality.Flow.FIXED_POINT, biased.flow());
        assertEquals(0.5 / (1 - 0.5), biased.kStar().getAsDouble(), 1e-12);
        assertEquals(0.5, biased.chiPar().getAsDouble(), 1e-14);
        assertEquals(0.5, biased.chiPerp().getAsDouble(), 1e-14);
        UniversalityClass.ScaleInvariant cls = assertInstanceOf(UniversalityClass.ScaleInvariant.class, relu.universality());
        assertEquals(2.0, cls.criticalCw(), 1e-15);
        assertEquals(9 * Math.PI * Math.PI / 2, cls.correlationAmplitude().get(), 1e-12);
    }

    /** Linear: f(K) = Cb + Cw K; K* = Cb/(1 - Cw) for Cw &lt; 1, and every correlation is a fixed point. */
    @Test
    void linearNetworkHasClosedFormFixedPoint() {
        CriticalityAnalysis linear = analysis("z");
        Criticality c = linear.at(0.2, 0.6, 1.0);
        assertEquals(0.5, c.kStar().getAsDouble(), 1e-12);
        assertEquals(0.6, c.chiPar().getAsDouble(), 1e-13);
        assertEquals(0.6, c.chiPerp().getAsDouble(), 1e-13);
        assertEquals(1.0, c.cStar().getAsDouble());
        Criticality critical = linear.at(0, 1.0, 2.0);
        assertEquals(Criticality.Flow.FIXED_LINE, critical.flow());
        assertTrue(critical.cStar().isEmpty() && critical.notes().containsKey("c_star"));
        assertEquals(1.0, critical.chiC().getAsDouble(), 1e-13);
    }

    /** tanh at Cb = 0: the K* = 0 class, critical at Cw = 1 = 1/sigma'(0)^2, ordered below and chaotic above. */
    @Test
    void tanhAtZeroBiasIsCriticalAtUnitWeightVariance() {
        CriticalityAnalysis tanh = analysis("tanh(z)");
        Criticality critical = tanh.at(0, 1.0, 1.0);
        assertEquals(Criticality.Flow.TO_ZERO, critical.flow());
        assertEquals(1.0, critical.chiPerp().getAsDouble(), 1e-14);
        assertEquals(1.0, critical.chiPar().getAsDouble(), 1e-14);
        assertEquals(Criticality.Phase.CRITICAL, critical.phase());
        assertEquals(Criticality.Phase.ORDERED, tanh.at(0, 0.99, 1.0).phase());
        assertEquals(Criticality.Phase.CHAOTIC, tanh.at(0, 1.01, 1.0).phase());
        UniversalityClass.ZeroFixedPoint cls = assertInstanceOf(UniversalityClass.ZeroFixedPoint.class,
                tanh.universality());
        assertEquals(-2.0, cls.a1(), 1e-12);
        assertEquals(-2.0, cls.b1(), 1e-12);
        assertEquals(1.0, cls.criticalCw(), 1e-12);
    }

    /**
     * erf(z): sigma'(0) = 2/sqrt(pi), so the K* = 0 criticality Cw sigma'(0)^2 = 1 is Cw = pi/4. Away from it the
     * arcsine kernel gives f(K) = Cb + Cw (2/pi) arcsin(2K/(1+2K)), chi_perp = Cw (4/pi)/sqrt(1+4K) and
     * chi_par = Cw (4/pi)/((1+2K) sqrt(1+4K)); K* is found here by bisection on the closed form.
     */
    @Test
    void erfMatchesArcsineClosedForms() {
        CriticalityAnalysis erf = analysis("erf(z)");
        Criticality critical = erf.at(0, Math.PI / 4, 1.0);
        assertEquals(Criticality.Phase.CRITICAL, critical.phase());
        assertEquals(1.0, critical.chiPerp().getAsDouble(), 1e-12);
        assertEquals(Criticality.Phase.ORDERED, erf.at(0, Math.PI / 4 * 0.99, 1.0).phase());
        assertEquals(Criticality.Phase.CHAOTIC, erf.at(0, Math.PI / 4 * 1.2, 1.0).phase());
        double cb = 0.3;
        double cw = 2.0;
        DoubleUnaryOperator g = k -> cb + cw * 2 / Math.PI * Math.asin(2 * k / (1 + 2 * k)) - k;
        double kStar = bisect(g, 1e-6, 100);
        Criticality c = erf.at(cb, cw, 1.0);
        assertEquals(kStar, c.kStar().getAsDouble(), 1e-11 * kStar);
        assertEquals(cw * 4 / Math.PI / Math.sqrt(1 + 4 * kStar), c.chiPerp().getAsDouble(), 1e-11);
        assertEquals(cw * 4 / Math.PI / ((1 + 2 * kStar) * Math.sqrt(1 + 4 * kStar)), c.chiPar().getAsDouble(), 1e-11);
        // chaotic (chi_perp > 1): c* < 1 solves Cb + Cw (2/pi) arcsin(2 c K*/(1 + 2K*)) = c K*
        assertTrue(c.chiPerp().getAsDouble() > 1);
        DoubleUnaryOperator q = x -> cb + cw * 2 / Math.PI * Math.asin(2 * x * kStar / (1 + 2 * kStar)) - x * kStar;
        double cStar = bisect(q, -0.999999, 0.999);
        assertEquals(cStar, c.cStar().getAsDouble(), 1e-10);
        double rho = 2 * cStar * kStar / (1 + 2 * kStar);
        // d/dK12 of the arcsine kernel: Cw (2/pi) (2/(1+2K*)) / sqrt(1 - rho^2)
        assertEquals(cw * 4 / Math.PI / (1 + 2 * kStar) / Math.sqrt(1 - rho * rho), c.chiC().getAsDouble(), 1e-10);
        assertEquals(-1 / Math.log(c.chiC().getAsDouble()), c.xiC().getAsDouble(), 1e-8);
    }

    /**
     * tanh at a chaotic point with bias (Cb = 0.1, Cw = 2): K*, chi_par, chi_perp, c* and chi_c against Simpson
     * quadrature in one and two dimensions (chi_par as the central difference of the quadrature of f).
     */
    @Test
    void tanhAtChaoticPointMatchesIndependentQuadrature() {
        double cb = 0.1;
        double cw = 2.0;
        Criticality c = analysis("tanh(z)").at(cb, cw, 1.0);
        DoubleUnaryOperator f = k -> cb + cw * simpson(x -> sq(Math.tanh(Math.sqrt(k) * x)));
        double kStar = bisect(k -> f.applyAsDouble(k) - k, 1e-3, 10);
        assertEquals(kStar, c.kStar().getAsDouble(), 1e-9);
        double h = 1e-4;
        assertEquals((f.applyAsDouble(kStar + h) - f.applyAsDouble(kStar - h)) / (2 * h), c.chiPar().getAsDouble(), 1e-7);
        assertEquals(cw * simpson(x -> sq(sq(1 / Math.cosh(Math.sqrt(kStar) * x)))), c.chiPerp().getAsDouble(), 1e-10);
        assertEquals(Criticality.Phase.CHAOTIC, c.phase());
        double cStar = c.cStar().getAsDouble();
        assertTrue(cStar < 1);
        double two = cb + cw * simpson2(kStar, cStar, (u1, u2) -> Math.tanh(u1) * Math.tanh(u2));
        assertEquals(cStar * kStar, two, 1e-8);
        double chiC = cw * simpson2(kStar, cStar, (u1, u2) -> sq(1 / Math.cosh(u1)) * sq(1 / Math.cosh(u2)));
        assertEquals(chiC, c.chiC().getAsDouble(), 1e-8);
        assertTrue(c.chiC().getAsDouble() < 1);
    }

    /**
     * The power laws of the universality classes against the maps iterated here: for erf at (0, pi/4), with the
     * closed form K' = (1/2) arcsin(2K/(1+2K)), l K^(l) -&gt; 1/(-a1) = 1/2; for ReLU at criticality, with the
     * normalised arc-cosine map c' = (sqrt(1-c^2) + (pi - arccos c) c)/pi,
     * written for eps = 1 - c as eps' = eps - (sqrt(eps (2 - eps)) - (1 - eps) arccos(1 - eps))/pi,, l^2 (1 - c^(l)) -&gt; 9 pi^2/2. Both
     * approach their limits with O(log l / l) corrections, hence the loose tolerances.
     */
    @Test
    void criticalPowerLawsMatchIteratedMaps() {
        UniversalityClass.ZeroFixedPoint erf = assertInstanceOf(UniversalityClass.ZeroFixedPoint.class,
                analysis("erf(z)").universality());
        double k = 1.0;
        int layers = 200000;
        for (int l = 1; l < layers; l++) {
            k = 0.5 * Math.asin(2 * k / (1 + 2 * k));
        }
        assertEquals(erf.kernelAmplitude(), layers * k, 0.01 * erf.kernelAmplitude());
        UniversalityClass.ScaleInvariant relu = assertInstanceOf(UniversalityClass.ScaleInvariant.class,
                analysis("max(0, z)").universality());
        double eps = 1.0; // 1 - c, iterated without cancellation: arccos(1 - eps) = 2 arcsin(sqrt(eps/2))
        for (int l = 1; l < layers; l++) {
            eps -= (Math.sqrt(eps * (2 - eps)) - (1 - eps) * 2 * Math.asin(Math.sqrt(eps / 2))) / Math.PI;
        }
        double amplitude = relu.correlationAmplitude().get();
        assertEquals(amplitude, (double) layers * layers * eps, 0.02 * amplitude);
        assertFalse(analysis("z").universality() instanceof UniversalityClass.ZeroFixedPoint);
    }

    /**
     * A map that overshoots: an engine (a stand-in, not an activation's) with &lt;sigma^2&gt;_K = 4 e^(-2K), so at
     * Cb = 0, Cw = 1 the fixed point K* = 4 e^(-2K*) (K* ~ 0.85) has chi_par = -8 e^(-2K*) ~ -1.7: the iteration
     * oscillates away, and the analysis reports numerical trouble rather than a number.
     */
    @Test
    void overshootingKernelMapIsNumericalTrouble() {
        GaussianMoments stand = new GaussianMoments() {
            @Override
            public double expect(double[][] covariance, int[] powers, int[] derivatives) {
                double k = covariance[0][0];
                // <(sigma^2)''>_K = 2 d/dK <sigma^2>_K (Price)
                return derivatives[0] == 0 ? 4 * Math.exp(-2 * k) : -16 * Math.exp(-2 * k);
            }

            @Override
            public double expectWithDerivativeFactors(double[][] covariance, int[][] factors, int[] derivatives) {
                return 1;
            }
        };
        CriticalityAnalysis tanh = analysis("tanh(z)");
        CriticalityAnalysis overshooting = new CriticalityAnalysis(
                org.feynet.lang.ModelReader.parse("t.fnet", "network t {\n width n\n depth L = 2\n activation"
                        + " sigma(z) = tanh(z)\n init b ~ normal(0, Cb), W ~ normal(0, Cw/n) with Cb = 0, Cw = 1\n"
                        + " input gram [[1.0]]\n z[l+1] = b[l+1] + W[l+1] . sigma(z[l])   for l = 1 .. L-1\n}\n"
                        + "derive metric to order 1/n\n").networks().get(0).activation(), stand, TestJets.TANH, TOL);
        org.junit.jupiter.api.Assertions.assertThrows(NumericalTrouble.class, () -> overshooting.at(0, 1, 1.0));
        assertEquals(Criticality.Phase.CRITICAL, tanh.at(0, 1, 1.0).phase());
    }

    private static double sq(double x) {
        return x * x;
    }

    /** E f(x), x ~ N(0, 1), composite Simpson on [-12, 12] with 6000 intervals. */
    static double simpson(DoubleUnaryOperator f) {
        int n = 6000;
        double a = -12;
        double h = 24.0 / n;
        double sum = 0;
        for (int i = 0; i <= n; i++) {
            double x = a + i * h;
            double w = i == 0 || i == n ? 1 : i % 2 == 1 ? 4 : 2;
            sum += w * f.applyAsDouble(x) * Math.exp(-0.5 * x * x);
        }
        return sum * h / 3 / Math.sqrt(2 * Math.PI);
    }

    interface Pair {
        double at(double u1, double u2);
    }

    /** E F(u1, u2), u ~ N(0, K [[1, c], [c, 1]]), through u1 = sqrt K x, u2 = sqrt K (c x + sqrt(1-c^2) y). */
    static double simpson2(double k, double c, Pair f) {
        double s = Math.sqrt(k);
        double r = Math.sqrt(1 - c * c);
        return simpson(x -> simpson800(y -> f.at(s * x, s * (c * x + r * y))));
    }

    private static double simpson800(DoubleUnaryOperator f) {
        int n = 800;
        double h = 24.0 / n;
        double sum = 0;
        for (int i = 0; i <= n; i++) {
            double x = -12 + i * h;
            double w = i == 0 || i == n ? 1 : i % 2 == 1 ? 4 : 2;
            sum += w * f.applyAsDouble(x) * Math.exp(-0.5 * x * x);
        }
        return sum * h / 3 / Math.sqrt(2 * Math.PI);
    }

    static double bisect(DoubleUnaryOperator g, double lo, double hi) {
        double glo = g.applyAsDouble(lo);
        for (int i = 0; i < 200 && hi - lo > 1e-15 * Math.abs(hi); i++) {
            double mid = 0.5 * (lo + hi);
            double gm = g.applyAsDouble(mid);
            if ((gm > 0) == (glo > 0)) {
                lo = mid;
                glo = gm;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }
}
