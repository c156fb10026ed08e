package org.feynet.numerics;

import java.util.function.IntConsumer;

/**
 * The (Cb, Cw) plane of one activation at infinite width: the phase ({@link CriticalityAnalysis#phase}) on a grid,
 * and the critical line Cw_c(Cb) where chi_perp = 1 at the fixed point, the boundary between the ordered and the
 * chaotic phase (PDLT section 5.2; the order-to-chaos transition of Poole et al. 2016).
 *
 * <p>The line is found per grid value of Cb: the first grid value of Cw whose phase is not ordered brackets the
 * boundary with its predecessor, and {@value #BISECTIONS} bisections on the sign of chi_perp - 1 (+infinity when
 * the kernel grows without bound) locate it to (range) * 2^-{@value #BISECTIONS}. A column that is ordered
 * throughout, or not ordered from its first point, has no boundary in range (NaN).
 *
 * @param cbs         the grid of bias variances, ascending
 * @param cws         the grid of weight variances, ascending
 * @param phases      phases[i][j] at (cbs[i], cws[j])
 * @param criticalCws criticalCws[i]: the Cw of the critical line at cbs[i], NaN when none is in range
 */
public record PhaseDiagram(double[] cbs, double[] cws, Criticality.Phase[][] phases, double[] criticalCws) {

    static final int BISECTIONS = 40;

    /**
     * @param analysis the activation's analysis (its tolerance decides the critical band)
     * @param cbMin    smallest Cb, at least 0
     * @param cbMax    largest Cb
     * @param cwMin    smallest Cw, positive
     * @param cwMax    largest Cw
     * @param points   grid points per axis, at least 2
     * @param start    the single-input kernel the flows start from
     * @param progress called with the number of Cb columns done
     * @throws NumericalTrouble when a fixed-point search does not converge
     */
    public static PhaseDiagram compute(CriticalityAnalysis analysis, double cbMin, double cbMax, double cwMin,
                                       double cwMax, int points, double start, IntConsumer progress) {
        if (!(cbMin >= 0 && cbMax > cbMin && cwMin > 0 && cwMax > cwMin && points >= 2)) {
            throw new IllegalArgumentException("need 0 <= cbMin < cbMax, 0 < cwMin < cwMax and at least 2 points");
        }
        double[] cbs = grid(cbMin, cbMax, points);
        double[] cws = grid(cwMin, cwMax, points);
        Criticality.Phase[][] phases = new Criticality.Phase[points][points];
        double[] line = new double[points];
        for (int i = 0; i < points; i++) {
            int boundary = -1;
            for (int j = 0; j < points; j++) {
                phases[i][j] = analysis.phase(cbs[i], cws[j], start);
                if (boundary < 0 && j > 0 && phases[i][j - 1] == Criticality.Phase.ORDERED
                        && phases[i][j] != Criticality.Phase.ORDERED) {
                    boundary = j;
                }
            }
            line[i] = boundary < 0 ? Double.NaN : bisect(analysis, cbs[i], cws[boundary - 1], cws[boundary], start);
            progress.accept(i + 1);
        }
        return new PhaseDiagram(cbs, cws, phases, line);
    }

    private static double bisect(CriticalityAnalysis analysis, double cb, double ordered, double chaotic, double start) {
        double lo = ordered;
        double hi = chaotic;
        for (int k = 0; k < BISECTIONS; k++) {
            double mid = 0.5 * (lo + hi);
            if (analysis.perpendicularExcess(cb, mid, start) < 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    private static double[] grid(double min, double max, int points) {
        double[] g = new double[points];
        for (int k = 0; k < points; k++) {
            g[k] = min + (max - min) * k / (points - 1);
        }
        return g;
    }
}
