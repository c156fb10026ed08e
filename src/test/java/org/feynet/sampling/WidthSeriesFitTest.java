package org.feynet.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WidthSeriesFitTest {

    private static final List<Integer> WIDTHS = List.of(32, 64, 128, 256);

    private static double series(double a, double b, double c, int n) {
        return a + b / n + c / ((double) n * n);
    }

    @Test
    void exactSeriesIsRecoveredWithZeroChiSquare() {
        double[] y = new double[4];
        double[] s = new double[4];
        for (int i = 0; i < 4; i++) {
            y[i] = series(0.7, -1.3, 4.2, WIDTHS.get(i));
            s[i] = 1e-3;
        }
        WidthSeriesFit fit = WidthSeriesFit.of(WIDTHS, y, s, 3);
        assertEquals(0.7, fit.coefficients()[0], 1e-12);
        assertEquals(-1.3, fit.coefficients()[1], 1e-9);
        assertEquals(4.2, fit.coefficients()[2], 1e-6);
        assertEquals(0, fit.chiSquare(), 1e-12);
        assertEquals(1, fit.degreesOfFreedom());
        assertEquals(series(0.7, -1.3, 4.2, 100), fit.at(100), 1e-12);
    }

    @Test
    void noisySeriesGivesPullsThatAreStandardNormal() {
        SplittableRandom rng = new SplittableRandom(7);
        double[] truth = {0.7, -1.3, 4.2};
        int replicas = 2000;
        double[] sum = new double[3];
        double[] sumSquares = new double[3];
        double chiSquare = 0;
        for (int r = 0; r < replicas; r++) {
            double[] y = new double[4];
            double[] s = new double[4];
            for (int i = 0; i < 4; i++) {
                s[i] = 1e-3 * (1 + i);
                y[i] = series(truth[0], truth[1], truth[2], WIDTHS.get(i)) + s[i] * rng.nextGaussian();
            }
            WidthSeriesFit fit = WidthSeriesFit.of(WIDTHS, y, s, 3);
            for (int k = 0; k < 3; k++) {
                double pull = (fit.coefficients()[k] - truth[k]) / fit.errors()[k];
                sum[k] += pull;
                sumSquares[k] += pull * pull;
            }
            chiSquare += fit.chiSquare();
        }
        for (int k = 0; k < 3; k++) {
            double mean = sum[k] / replicas;
            double variance = sumSquares[k] / replicas - mean * mean;
            assertEquals(0, mean, 4 / Math.sqrt(replicas), "mean pull of coefficient " + k);
            assertEquals(1, variance, 4 * Math.sqrt(2.0 / replicas), "pull variance of coefficient " + k);
        }
        assertEquals(1, chiSquare / replicas, 4 * Math.sqrt(2.0 / replicas), "mean chi^2 with one dof");
    }

    @Test
    void constantFitIsTheWeightedMeanWithItsError() {
        double[] y = {1.0, 2.0, 4.0};
        double[] s = {1.0, 2.0, 4.0};
        WidthSeriesFit fit = WidthSeriesFit.of(List.of(8, 16, 32), y, s, 1);
        double w = 1 + 0.25 + 0.0625;
        assertEquals((1.0 + 0.5 + 0.25) / w, fit.coefficients()[0], 1e-14);
        assertEquals(1 / Math.sqrt(w), fit.errors()[0], 1e-14);
    }

    @Test
    void tooFewWidthsAreRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> WidthSeriesFit.of(List.of(8, 16), new double[] {1, 2}, new double[] {1, 1}, 3));
        assertThrows(IllegalArgumentException.class,
                () -> WidthSeriesFit.of(List.of(8, 16), new double[] {1, 2}, new double[] {1, 0}, 1));
    }

    @Test
    void fitErrorsShrinkWithTheDataErrors() {
        double[] y = {1.0, 1.1, 1.2, 1.3};
        WidthSeriesFit coarse = WidthSeriesFit.of(WIDTHS, y, new double[] {0.2, 0.2, 0.2, 0.2}, 2);
        WidthSeriesFit fine = WidthSeriesFit.of(WIDTHS, y, new double[] {0.1, 0.1, 0.1, 0.1}, 2);
        assertEquals(coarse.errors()[0] / 2, fine.errors()[0], 1e-12);
        assertTrue(coarse.errors()[1] > 0);
    }

    /**
     * The band of the plot: with as many widths as terms the fit interpolates, y(n_i) = y_i, so its standard error at
     * x = 1/n_i is s_i exactly (the fitted value at n_i is y_i itself); at x = 0 it is the intercept's error; and for
     * a constant fit it is 1/sqrt(sum 1/s_i^2) everywhere (the weighted mean's error).
     */
    @Test
    void standardErrorOfTheFittedSeriesIsThatOfTheValuesItInterpolates() {
        List<Integer> widths = List.of(16, 32, 64);
        double[] s = {0.03, 0.01, 0.02};
        WidthSeriesFit fit = WidthSeriesFit.of(widths, new double[] {0.5, 0.4, 0.45}, s, 3);
        for (int i = 0; i < 3; i++) {
            assertEquals(s[i], fit.standardErrorAt(1.0 / widths.get(i)), 1e-9 * s[i]);
        }
        assertEquals(fit.errors()[0], fit.standardErrorAt(0), 1e-15);
        WidthSeriesFit constant = WidthSeriesFit.of(widths, new double[] {0.5, 0.4, 0.45}, s, 1);
        double expected = 1 / Math.sqrt(1 / (s[0] * s[0]) + 1 / (s[1] * s[1]) + 1 / (s[2] * s[2]));
        assertEquals(expected, constant.standardErrorAt(0.3), 1e-15);
    }
}
