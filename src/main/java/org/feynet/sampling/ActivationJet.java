package org.feynet.sampling;

import org.feynet.model.ActivationSlope;
import org.feynet.model.ScalarExpr;
import org.feynet.model.ScalarExpr.Binary;
import org.feynet.model.ScalarExpr.Call;
import org.feynet.model.ScalarExpr.Constant;
import org.feynet.model.ScalarExpr.Negate;
import org.feynet.model.ScalarExpr.Variable;

/**
 * The first three derivatives sigma', sigma'', sigma''' of an activation in double precision, by forward-mode
 * differentiation of its expression tree in truncated Taylor arithmetic of order 3 (the dNTK needs sigma'' and the
 * ddNTK sigma'''). A node's value is the jet (f, f', f'', f''') at z; constants are (c, 0, 0, 0) and z is
 * (z, 1, 0, 0). The rules, exact up to rounding:
 * <pre>
 *   (u v)'   = u' v + u v',   (u v)'' = u'' v + 2 u' v' + u v'',   (u v)''' = u''' v + 3 u'' v' + 3 u' v'' + u v'''
 *   f(u)'    = f1 u',   f(u)'' = f2 u'^2 + f1 u'',   f(u)''' = f3 u'^3 + 3 f2 u' u'' + f1 u'''   (Faa di Bruno)
 * </pre>
 * with f1, f2, f3 the derivatives of the outer function at u: u / v = u (1/v) with 1/y having -1/y^2, 2/y^3,
 * -6/y^4; u^c for c free of z has c y^(c-1), c(c-1) y^(c-2), c(c-1)(c-2) y^(c-3) (a zero coefficient gives 0);
 * u^v = exp(v log u) otherwise; exp: e, e, e; log: 1/y, -1/y^2, 2/y^3; tanh, with s = 1/cosh^2 y and t = tanh y:
 * s, -2 t s, 2 s (2 - 3 s); erf, with g = (2/sqrt pi) exp(-y^2): g, -2 y g, (4 y^2 - 2) g; sin: cos, -sin, -cos;
 * cos: -sin, -cos, sin; sqrt, r = sqrt y: 1/(2r), -1/(4 r y), 3/(8 r y^2); sigmoid, with s1 = e/(1+e)^2 and
 * e = exp(-|y|) (no cancellation in the tails): s1, -s1 tanh(y/2), s1 (1 - 6 s1). At kinks, hit with probability
 * zero: abs has sign(y), 0, 0, and max(u, v) is the jet of u where u &gt;= v, of v elsewhere (as
 * {@link ActivationSlope}). The value itself is left to {@link org.feynet.model.ScalarFunction}, which the forward
 * passes use, so the preactivations stay bit-identical to theirs.
 */
final class ActivationJet {

    private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

    /** A truncated Taylor jet: a value and its first three derivatives with respect to z. */
    private record Jet(double v, double d1, double d2, double d3) {

        static Jet constant(double c) {
            return new Jet(c, 0, 0, 0);
        }

        Jet plus(Jet o) {
            return new Jet(v + o.v, d1 + o.d1, d2 + o.d2, d3 + o.d3);
        }

        Jet negate() {
            return new Jet(-v, -d1, -d2, -d3);
        }

        Jet times(Jet o) {
            return new Jet(v * o.v, d1 * o.v + v * o.d1, d2 * o.v + 2 * d1 * o.d1 + v * o.d2,
                    d3 * o.v + 3 * d2 * o.d1 + 3 * d1 * o.d2 + v * o.d3);
        }

        /** f(this) for an outer function with value f0 and derivatives f1, f2, f3 at this value. */
        Jet compose(double f0, double f1, double f2, double f3) {
            return new Jet(f0, f1 * d1, f2 * d1 * d1 + f1 * d2, f3 * d1 * d1 * d1 + 3 * f2 * d1 * d2 + f1 * d3);
        }
    }

    /** A node of the expression tree, evaluated to its jet at z. */
    @FunctionalInterface
    private interface Node {
        Jet at(double z);
    }

    private final Node root;

    private ActivationJet(Node root) {
        this.root = root;
    }

    /** The jet evaluator of {@code expr}, a function of one variable. */
    static ActivationJet of(ScalarExpr expr) {
        return new ActivationJet(node(expr));
    }

    /** Writes sigma'(z), sigma''(z), sigma'''(z) into out[0], out[1], out[2]. */
    void derivatives(double z, double[] out) {
        Jet j = root.at(z);
        out[0] = j.d1;
        out[1] = j.d2;
        out[2] = j.d3;
    }

    private static Node node(ScalarExpr expr) {
        if (expr instanceof Variable) {
            return z -> new Jet(z, 1, 0, 0);
        }
        if (expr instanceof Constant c) {
            Jet j = Jet.constant(c.value());
            return z -> j;
        }
        if (expr instanceof Negate n) {
            Node u = node(n.operand());
            return z -> u.at(z).negate();
        }
        if (expr instanceof Binary b) {
            return binary(b);
        }
        return call((Call) expr);
    }

    private static Node binary(Binary b) {
        Node u = node(b.left());
        Node v = node(b.right());
        return switch (b.operator()) {
            case ADD -> z -> u.at(z).plus(v.at(z));
            case SUBTRACT -> z -> u.at(z).plus(v.at(z).negate());
            case MULTIPLY -> z -> u.at(z).times(v.at(z));
            case DIVIDE -> z -> u.at(z).times(reciprocal(v.at(z)));
            case POWER -> power(b, u, v);
        };
    }

    private static Jet reciprocal(Jet v) {
        double r = 1 / v.v;
        return v.compose(r, -r * r, 2 * r * r * r, -6 * r * r * r * r);
    }

    private static Node power(Binary b, Node u, Node v) {
        if (!ScalarExpr.dependsOnVariable(b.right())) {
            return z -> {
                double c = v.at(z).v;
                Jet base = u.at(z);
                double y = base.v;
                return base.compose(Math.pow(y, c), term(c, y, c - 1), term(c * (c - 1), y, c - 2),
                        term(c * (c - 1) * (c - 2), y, c - 3));
            };
        }
        return z -> {
            Jet exponent = v.at(z).times(log(u.at(z)));
            return exp(exponent);
        };
    }

    /** coefficient y^exponent, or 0 for a zero coefficient (where y^exponent may be infinite). */
    private static double term(double coefficient, double y, double exponent) {
        return coefficient == 0 ? 0 : coefficient * Math.pow(y, exponent);
    }

    private static Jet exp(Jet u) {
        double e = Math.exp(u.v);
        return u.compose(e, e, e, e);
    }

    private static Jet log(Jet u) {
        double r = 1 / u.v;
        return u.compose(Math.log(u.v), r, -r * r, 2 * r * r * r);
    }

    private static Node call(Call c) {
        Node u = node(c.arguments().get(0));
        return switch (c.function()) {
            case MAX -> {
                Node v = node(c.arguments().get(1));
                yield z -> {
                    Jet a = u.at(z);
                    Jet b = v.at(z);
                    return a.v >= b.v ? a : b;
                };
            }
            case EXP -> z -> exp(u.at(z));
            case LOG -> z -> log(u.at(z));
            case TANH -> z -> tanh(u.at(z));
            case ERF -> z -> erf(u.at(z));
            case SIN -> z -> {
                Jet a = u.at(z);
                double s = Math.sin(a.v);
                double co = Math.cos(a.v);
                return a.compose(s, co, -s, -co);
            };
            case COS -> z -> {
                Jet a = u.at(z);
                double s = Math.sin(a.v);
                double co = Math.cos(a.v);
                return a.compose(co, -s, -co, s);
            };
            case SQRT -> z -> {
                Jet a = u.at(z);
                double r = Math.sqrt(a.v);
                return a.compose(r, 0.5 / r, -0.25 / (r * a.v), 0.375 / (r * a.v * a.v));
            };
            case ABS -> z -> {
                Jet a = u.at(z);
                return a.compose(Math.abs(a.v), Math.signum(a.v), 0, 0);
            };
            case SIGMOID -> z -> sigmoid(u.at(z));
        };
    }

    private static Jet tanh(Jet a) {
        double t = Math.tanh(a.v);
        double cosh = Math.cosh(a.v);
        double s = 1 / (cosh * cosh);
        return a.compose(t, s, -2 * t * s, 2 * s * (2 - 3 * s));
    }

    private static Jet erf(Jet a) {
        double y = a.v;
        double g = TWO_OVER_SQRT_PI * Math.exp(-y * y);
        return a.compose(org.hipparchus.special.Erf.erf(y), g, -2 * y * g, (4 * y * y - 2) * g);
    }

    private static Jet sigmoid(Jet a) {
        double y = a.v;
        double e = Math.exp(-Math.abs(y));
        double s1 = e / ((1 + e) * (1 + e));
        double value = y >= 0 ? 1 / (1 + e) : e / (1 + e);
        return a.compose(value, s1, -s1 * Math.tanh(y / 2), s1 * (1 - 6 * s1));
    }
}
