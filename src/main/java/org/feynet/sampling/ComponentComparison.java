package org.feynet.sampling;

import java.util.List;

/**
 * Theory against Monte Carlo for one independent component of the metric statistics at one layer.
 *
 * <p>For {@link Kind#MEAN} (indices a <= b) the sampled E[Ghat_{ab}](n) is fitted by A + B/n + C/n^2 and compared
 * with theory = (K0, K1, K2); for {@link Kind#COVARIANCE} (indices (a1 a2)(a3 a4) with a1 <= a2, a3 <= a4 and the
 * pair (a1 a2) not after (a3 a4), the components independent under a1<->a2, a3<->a4, (a1a2)<->(a3a4)) the sampled
 * n Cov(n) is fitted by D + E/n and compared with theory = (V4, V4_1). A theory coefficient that was not derived
 * (K2, V4_1 at order 1/n) is NaN, as is its pull; pulls[k] = (fit_k - theory_k) / error_k with the fit's error.
 *
 * @param kind    what the component is
 * @param layer   l, from 1
 * @param indices sample indices from 0: (a, b) or (a1, a2, a3, a4)
 * @param theory  predicted series coefficients, lowest order first
 * @param fit     the fit over widths, same coefficient order
 * @param pulls   per coefficient, NaN where theory is absent
 * @param correction     the first correction measured with the leading coefficient fixed by theory: the fit of
 *                       n (sampled(n) - theory[0]) = c_1 + c_2/n, whose c_1 estimates K1 (V4_1) far more sharply than
 *                       the free fit, since it does not have to find the leading coefficient too
 * @param correctionPull (c_1 - theory[1]) / error, NaN where theory[1] is absent
 * @param widths  the widths sampled, ascending
 * @param sampled the sampled value per width (E[Ghat] or n Cov)
 * @param errors  its standard error per width
 */
public record ComponentComparison(Kind kind, int layer, List<Integer> indices, double[] theory, WidthSeriesFit fit,
                                  double[] pulls, WidthSeriesFit correction, double correctionPull,
                                  List<Integer> widths, double[] sampled, double[] errors) {

    public ComponentComparison {
        indices = List.copyOf(indices);
        widths = List.copyOf(widths);
    }

    /** Which statistic a component belongs to. */
    public enum Kind { MEAN, COVARIANCE }

    /** A label with 1-based sample indices: "G_12" for a mean, "(11)(12)" for a covariance. */
    public String label() {
        StringBuilder s = new StringBuilder(kind == Kind.MEAN ? "G_" : "(");
        for (int k = 0; k < indices.size(); k++) {
            if (k == 2) {
                s.append(")(");
            }
            s.append(indices.get(k) + 1);
        }
        return kind == Kind.MEAN ? s.toString() : s.append(')').toString();
    }

    /** The theory's series at width n, summed over the coefficients it has. */
    public double predicted(double n) {
        return predicted(n, theory.length);
    }

    /**
     * The first-order prediction at width n: K0 + K1/n for a mean, V4 for n Cov (the statistics of a derivation to
     * order 1/n).
     */
    public double firstOrder(double n) {
        return predicted(n, kind == Kind.MEAN ? 2 : 1);
    }

    /** Whether the theory has the next order too (K2 for a mean, V4_1 for n Cov). */
    public boolean hasSecondOrder() {
        int next = kind == Kind.MEAN ? 2 : 1;
        return theory.length > next && !Double.isNaN(theory[next]);
    }

    private double predicted(double n, int terms) {
        double sum = 0;
        double power = 1;
        for (int k = 0; k < terms; k++) {
            if (!Double.isNaN(theory[k])) {
                sum += theory[k] * power;
            }
            power /= n;
        }
        return sum;
    }

    /** The largest |pull| over the coefficients the theory gives, the fixed-leading correction included. */
    public double maxAbsPull() {
        double max = Double.isNaN(correctionPull) ? 0 : Math.abs(correctionPull);
        for (double p : pulls) {
            if (!Double.isNaN(p)) {
                max = Math.max(max, Math.abs(p));
            }
        }
        return max;
    }
}
