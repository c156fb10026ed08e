package org.feynet.dmft;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import org.hipparchus.exception.MathIllegalArgumentException;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.QRDecomposition;
import org.hipparchus.linear.RealVector;

/**
 * Anderson acceleration (type II) of a fixed-point iteration x = F(x) (Anderson, J. ACM 12, 547 (1965); Walker and
 * Ni, SIAM J. Numer. Anal. 49, 1715 (2011), eq. (2.1) to (2.3) with mixing beta): with the residual r_k = F(x_k) - x_k,
 * the last m differences dX = [x_{i+1} - x_i] and dR = [r_{i+1} - r_i] (i = k - m .. k - 1),
 * <pre>
 *   gamma_k = argmin_gamma || r_k - dR gamma ||_2,    x_{k+1} = x_k + beta r_k - (dX + beta dR) gamma_k.
 * </pre>
 * With m = 0 this is the damped iteration x_{k+1} = x_k + beta r_k. On a linear map it is a Krylov method (GMRES
 * applied to (I - J) x = F(0), Walker and Ni, sec. 2), so it reaches a fixed point whose Jacobian J has eigenvalues
 * with real part above 1, which no damping can (the damped map's eigenvalues 1 + beta (lambda - 1) then lie outside
 * the unit disc). The least-squares problem is solved by Householder QR; columns that make dR numerically
 * rank-deficient are dropped, oldest first. {@link #restart()} forgets the history (the safeguard of the caller).
 */
final class Anderson {

    private final int history;
    private final double beta;
    private final Deque<double[]> dx = new ArrayDeque<>();
    private final Deque<double[]> dr = new ArrayDeque<>();
    private double[] lastX;
    private double[] lastR;

    /**
     * @param history m, the most differences kept (0: plain damping)
     * @param beta    the mixing, in (0, 1]
     */
    Anderson(int history, double beta) {
        this.history = history;
        this.beta = beta;
    }

    /** x_{k+1} from x_k and r_k = F(x_k) - x_k; the arrays are not modified. */
    double[] next(double[] x, double[] r) {
        if (lastX != null) {
            dx.addLast(difference(x, lastX));
            dr.addLast(difference(r, lastR));
            while (dx.size() > history) {
                dx.removeFirst();
                dr.removeFirst();
            }
        }
        lastX = x.clone();
        lastR = r.clone();
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] + beta * r[i];
        }
        double[] gamma = coefficients(r);
        Iterator<double[]> xs = dx.iterator();
        Iterator<double[]> rs = dr.iterator();
        for (double g : gamma) {
            double[] cx = xs.next();
            double[] cr = rs.next();
            for (int i = 0; i < x.length; i++) {
                out[i] -= g * (cx[i] + beta * cr[i]);
            }
        }
        return out;
    }

    /** Forgets the history: the next step is a damped one. */
    void restart() {
        dx.clear();
        dr.clear();
        lastX = null;
        lastR = null;
    }

    /** The differences kept. */
    int size() {
        return dx.size();
    }

    /** gamma = argmin || r - dR gamma ||, dropping the oldest columns until dR has full numerical rank. */
    private double[] coefficients(double[] r) {
        while (!dr.isEmpty()) {
            int m = dr.size();
            Array2DRowRealMatrix matrix = new Array2DRowRealMatrix(r.length, m);
            int column = 0;
            for (double[] c : dr) {
                matrix.setColumn(column++, c);
            }
            try {
                RealVector gamma = new QRDecomposition(matrix, 1e-10 * norm(matrix)).getSolver()
                        .solve(new ArrayRealVector(r, false));
                return gamma.toArray();
            } catch (MathIllegalArgumentException singular) {
                dx.removeFirst();
                dr.removeFirst();
            }
        }
        return new double[0];
    }

    private static double norm(Array2DRowRealMatrix matrix) {
        return Math.max(matrix.getFrobeniusNorm(), Double.MIN_NORMAL);
    }

    private static double[] difference(double[] a, double[] b) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i] - b[i];
        }
        return d;
    }
}
