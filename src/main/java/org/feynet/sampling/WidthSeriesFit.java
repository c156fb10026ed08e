package org.feynet.sampling;

import java.util.List;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.RealMatrix;

/**
 * A weighted least-squares fit of y(n) = c_0 + c_1/n + ... + c_{T-1}/n^(T-1) to values y_i +- s_i measured at
 * widths n_i: it minimises chi^2 = sum_i ((y_i - y(n_i)) / s_i)^2. With the design matrix X_ik = n_i^(-k) and
 * weights W = diag(1/s_i^2), c = (X^T W X)^{-1} X^T W y and the parameter covariance is (X^T W X)^{-1}, so the
 * reported errors assume the s_i are the true standard deviations (they are not rescaled by chi^2/dof; a
 * chi^2/dof well above 1 signals that the series is truncated too early or that the errors are underestimated).
 * For conditioning the powers are formed in x = n_min/n in (0, 1] and the coefficients scaled back.
 *
 * @param coefficients c_k, k = 0..T-1
 * @param errors       sqrt of the diagonal of the parameter covariance
 * @param covariance   the parameter covariance (X^T W X)^{-1}
 * @param chiSquare    chi^2 at the minimum
 * @param degreesOfFreedom the number of widths minus T
 */
public record WidthSeriesFit(double[] coefficients, double[] errors, double[][] covariance, double chiSquare,
                             int degreesOfFreedom) {

    /**
     * Fits T = {@code terms} coefficients.
     *
     * @throws IllegalArgumentException if there are fewer widths than terms, the arrays disagree in length, or an
     *                                  error is not positive and finite
     */
    public static WidthSeriesFit of(List<Integer> widths, double[] values, double[] errors, int terms) {
        int m = widths.size();
        if (values.length != m || errors.length != m) {
            throw new IllegalArgumentException("need one value and one error per width: " + m + " widths, "
                    + values.length + " values, " + errors.length + " errors");
        }
        if (terms < 1 || m < terms) {
            throw new IllegalArgumentException("fitting " + terms + " terms needs at least " + terms
                    + " widths, got " + m);
        }
        double minWidth = Double.POSITIVE_INFINITY;
        for (int i = 0; i < m; i++) {
            if (widths.get(i) < 1) {
                throw new IllegalArgumentException("widths must be positive, got " + widths.get(i));
            }
            if (!(errors[i] > 0) || !Double.isFinite(errors[i]) || !Double.isFinite(values[i])) {
                throw new IllegalArgumentException("value " + values[i] + " +- " + errors[i] + " at width "
                        + widths.get(i) + " cannot be fitted: need a finite value and a positive finite error");
            }
            minWidth = Math.min(minWidth, widths.get(i));
        }
        double[][] design = new double[m][terms];
        for (int i = 0; i < m; i++) {
            double x = minWidth / widths.get(i);
            double power = 1;
            for (int k = 0; k < terms; k++) {
                design[i][k] = power / errors[i];
                power *= x;
            }
        }
        RealMatrix a = new Array2DRowRealMatrix(design, false);
        double[] rhs = new double[m];
        for (int i = 0; i < m; i++) {
            rhs[i] = values[i] / errors[i];
        }
        RealMatrix normal = a.transpose().multiply(a);
        RealMatrix inverse = new CholeskyDecomposition(normal, 1e-15, 1e-15).getSolver().getInverse();
        double[] scaled = inverse.operate(a.transpose().operate(new ArrayRealVector(rhs, false))).toArray();
        double[] c = new double[terms];
        double[][] cov = new double[terms][terms];
        double[] err = new double[terms];
        for (int k = 0; k < terms; k++) {
            c[k] = scaled[k] * Math.pow(minWidth, k);
            for (int j = 0; j < terms; j++) {
                cov[k][j] = inverse.getEntry(k, j) * Math.pow(minWidth, k + j);
            }
            err[k] = Math.sqrt(cov[k][k]);
        }
        double chi2 = 0;
        for (int i = 0; i < m; i++) {
            double r = 0;
            for (int k = 0; k < terms; k++) {
                r += design[i][k] * scaled[k];
            }
            chi2 += (rhs[i] - r) * (rhs[i] - r);
        }
        return new WidthSeriesFit(c, err, cov, chi2, m - terms);
    }

    /** The fitted series at width n. */
    public double at(double n) {
        double sum = 0;
        for (int k = coefficients.length - 1; k >= 0; k--) {
            sum = sum / n + coefficients[k];
        }
        return sum;
    }

    /**
     * The standard error of the fitted series at x = 1/n: with v_k = x^k, Var(sum_k c_k x^k) = v^T Cov v from the
     * parameter covariance; at x = 0 it is the leading coefficient's error.
     */
    public double standardErrorAt(double x) {
        int terms = coefficients.length;
        double[] v = new double[terms];
        double power = 1;
        for (int k = 0; k < terms; k++) {
            v[k] = power;
            power *= x;
        }
        double variance = 0;
        for (int k = 0; k < terms; k++) {
            for (int j = 0; j < terms; j++) {
                variance += v[k] * covariance[k][j] * v[j];
            }
        }
        return Math.sqrt(Math.max(0, variance));
    }

    /** chi^2 per degree of freedom, NaN when the fit has none. */
    public double chiSquarePerDof() {
        return degreesOfFreedom > 0 ? chiSquare / degreesOfFreedom : Double.NaN;
    }
}
