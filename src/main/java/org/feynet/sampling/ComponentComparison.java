package org.feynet.sampling;

import java.util.List;
import org.feynet.model.Statistic;

/**
 * Theory against Monte Carlo for one independent component of one observable at one layer.
 *
 * <p>A mean (of the metric, E[Ghat_ab], or of the NTK, E[Theta_{ii;ab}]) is fitted over the widths by
 * A + B/n + C/n^2 and compared with its series (K0, K1, K2; H0, H1); a fluctuation (n Cov of two metric entries, or
 * one of the NTK's four-index observables) is fitted by D + E/n and compared with its leading value and, where
 * derived, its 1/n correction (V4, V4_1). A coefficient that was not derived is NaN, as is its pull;
 * pulls[k] = (fit_k - theory_k) / error_k with the fit's error. The correction is also measured with the leading
 * coefficient fixed by theory ({@link #correction}), which is sharper.
 *
 * @param kind           which observable
 * @param layer          l, from 1
 * @param indices        sample indices from 0: (a, b) or (a1, a2, a3, a4)
 * @param theory         predicted series coefficients, lowest order first
 * @param fit            the fit over widths, same coefficient order
 * @param pulls          per coefficient, NaN where theory is absent
 * @param correction     the first correction measured with the leading coefficient fixed by theory: the fit of
 *                       n (sampled(n) - theory[0]) = c_1 + c_2/n, whose c_1 estimates K1 (V4_1, H1) far more sharply
 *                       than the free fit, since it does not have to find the leading coefficient too
 * @param correctionPull (c_1 - theory[1]) / error, NaN where theory[1] is absent
 * @param widths         the widths sampled, ascending
 * @param sampled        the sampled value per width
 * @param errors         its standard error per width
 */
public record ComponentComparison(Kind kind, int layer, List<Integer> indices, double[] theory, WidthSeriesFit fit,
                                  double[] pulls, WidthSeriesFit correction, double correctionPull,
                                  List<Integer> widths, double[] sampled, double[] errors) {

    public ComponentComparison {
        indices = List.copyOf(indices);
        widths = List.copyOf(widths);
    }

    /** Which observable a component belongs to, how it is labelled, and how many coefficients its fit has. */
    public enum Kind {
        /** E[Ghat_ab] = K0 + K1/n + K2/n^2. */
        MEAN("G_", "E[Ghat]", 3),
        /** n Cov(Ghat_ab, Ghat_cd) = V4 + V4_1/n. */
        COVARIANCE("", "n Cov", 2),
        /** E[Theta_ii;ab] = H0 + H1/n. */
        NTK_MEAN("H_", "E[Theta]", 3),
        /** n Cov(Theta_ii;ab, Theta_ii;cd). */
        NTK_SAME("same", "ntk_same", 2),
        /** n Cov(Theta_ii;ab, Theta_kk;cd). */
        NTK_OTHER("other", "ntk_other", 2),
        /** n E[Theta_ik;ab Theta_ik;cd]. */
        NTK_OFF("off", "ntk_off", 2),
        /** n Cov(Ghat_ab, Theta_ii;cd). */
        NTK_METRIC("metric", "ntk_metric", 2),
        /** n E[Theta_ik;ab z_i;c z_k;d]. */
        NTK_PREACTIVATION_OFF("preact", "ntk_preactivation_off", 2),
        /** P: n E[dH_{ikk;abc} z_{i;d}]. */
        DNTK_P("P", "P", 2),
        /** Q: n E[dH_{iik;abc} z_{k;d}]. */
        DNTK_Q("Q", "Q", 2),
        /** R: n E[ddI_{iikk;abcd}]. */
        DDNTK_R("R", "R", 2),
        /** S: n E[ddII_{iikk;abcd}]. */
        DDNTK_S("S", "S", 2),
        /** T: n E[ddII_{ikik;adbc}]. */
        DDNTK_T("T", "T", 2),
        /** U: n E[ddII_{ikki;acdb}]. */
        DDNTK_U("U", "U", 2);

        private final String prefix;
        private final String title;
        private final int coefficients;

        Kind(String prefix, String title, int coefficients) {
            this.prefix = prefix;
            this.title = title;
            this.coefficients = coefficients;
        }

        /** The heading of its section in tables. */
        public String title() {
            return title;
        }

        /**
         * Its key in JSON: "mean", "n_cov" and "ntk_mean" as in {@code sample --json}, the NTK's fluctuations and
         * the differentials under their {@code eval --json} keys.
         */
        public String jsonKey() {
            return switch (this) {
                case MEAN -> "mean";
                case COVARIANCE -> "n_cov";
                case NTK_MEAN -> "ntk_mean";
                default -> title;
            };
        }

        /** The number of coefficients of its width fit. */
        public int coefficients() {
            return coefficients;
        }

        /** The dNTK or ddNTK statistic it compares, or null for the metric's and the NTK's observables. */
        public Statistic differential() {
            return switch (this) {
                case DNTK_P -> Statistic.P;
                case DNTK_Q -> Statistic.Q;
                case DDNTK_R -> Statistic.R;
                case DDNTK_S -> Statistic.S;
                case DDNTK_T -> Statistic.T;
                case DDNTK_U -> Statistic.U;
                default -> null;
            };
        }

        /** Whether it is a mean (a series starting at order 0) rather than a fluctuation. */
        public boolean isMean() {
            return this == MEAN || this == NTK_MEAN;
        }
    }

    /**
     * A label with 1-based sample indices: "G_12" for a mean, "(11)(12)" or "same(11)(12)" for a fluctuation,
     * "P[1121]" for a dNTK or ddNTK statistic.
     */
    public String label() {
        return label(kind, indices);
    }

    /** The label of the component of {@code kind} at 0-based sample {@code indices}, as {@link #label()}. */
    public static String label(Kind kind, List<Integer> indices) {
        if (kind.differential() != null) {
            StringBuilder s = new StringBuilder(kind.prefix).append('[');
            indices.forEach(i -> s.append(i + 1));
            return s.append(']').toString();
        }
        StringBuilder s = new StringBuilder(kind.prefix).append(kind.isMean() ? "" : "(");
        for (int k = 0; k < indices.size(); k++) {
            if (k == 2) {
                s.append(")(");
            }
            s.append(indices.get(k) + 1);
        }
        return kind.isMean() ? s.toString() : s.append(')').toString();
    }

    /**
     * The name of the theory's coefficient k: K0, K1, K2 for the metric's mean, H0, H1 for the NTK's, V4, V4_1 for
     * n Cov, and "theory", "theory_1" for the other fluctuations.
     */
    public String theoryName(int k) {
        return switch (kind) {
            case MEAN -> "K" + k;
            case NTK_MEAN -> "H" + k;
            case COVARIANCE -> k == 0 ? "V4" : "V4_" + k;
            default -> k == 0 ? "theory" : "theory_" + k;
        };
    }

    /** The name of the fit's coefficient k in tables: A, B, C for a mean, D, E for a fluctuation. */
    public String fitName(int k) {
        return String.valueOf((char) ((kind.isMean() ? 'A' : 'D') + k));
    }

    /** The name of the correction fitted with the leading term fixed by theory: "B|K0", "E|V4", ... */
    public String correctionName() {
        return fitName(1) + "|" + theoryName(0);
    }

    /**
     * One pull of a comparison.
     *
     * @param coefficient the fit coefficient it belongs to, named as in tables ("A", "B|K0", "D", ...)
     * @param value       (fit - theory) / error
     */
    public record Pull(String coefficient, double value) {}

    /**
     * The pull of largest magnitude over the coefficients the theory gives, the fixed-leading correction included;
     * a pull of 0 named after the leading coefficient when there is none.
     */
    public Pull largestPull() {
        Pull largest = new Pull(fitName(0), 0);
        for (int k = 0; k < pulls.length; k++) {
            if (!Double.isNaN(pulls[k]) && Math.abs(pulls[k]) > Math.abs(largest.value())) {
                largest = new Pull(fitName(k), pulls[k]);
            }
        }
        if (!Double.isNaN(correctionPull) && Math.abs(correctionPull) > Math.abs(largest.value())) {
            largest = new Pull(correctionName(), correctionPull);
        }
        return largest;
    }

    /** The theory's series at width n, summed over the coefficients it has. */
    public double predicted(double n) {
        return predicted(n, theory.length);
    }

    /**
     * The first-order prediction at width n: leading + correction/n for a mean, the leading value for a
     * fluctuation (what a derivation to order 1/n gives).
     */
    public double firstOrder(double n) {
        return predicted(n, kind.isMean() ? 2 : 1);
    }

    /** Whether the theory has the next order too (K2 for a mean, V4_1 for n Cov). */
    public boolean hasSecondOrder() {
        int next = kind.isMean() ? 2 : 1;
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
        return Math.abs(largestPull().value());
    }
}
