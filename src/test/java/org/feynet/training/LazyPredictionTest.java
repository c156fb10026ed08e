package org.feynet.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.feynet.model.FourierResidualNetwork;
import org.feynet.model.FourierResidualTraining;
import org.feynet.numerics.FourierResidualKernels;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.junit.jupiter.api.Test;

/**
 * The mask-averaged lazy prediction against a Monte Carlo of its own definition: masks drawn Bernoulli(p), the
 * pattern's infinite-width kernels on training and held-out inputs, initial outputs drawn from the NNGP (Cholesky),
 * and the linear flow df/dt = -(Theta_XX / P)(f - y), d f(x*)/dt = -(Theta(x*, X) / P)(f - y) integrated by RK4 with a small
 * step (no closed form is used). The mean loss and test error over 6000 draws must agree within 4 standard errors.
 */
class LazyPredictionTest {

    @Test
    void matchesMonteCarloOfTheLinearisedFlow() {
        FourierResidualNetwork spec = EcrnFixtures.network(3, 0, 0.6, 4);
        FourierResidualTraining training = EcrnFixtures.training(spec, 3.0);
        double[] times = {0, 1.5, 3.0};
        LazyPrediction prediction = LazyPrediction.maskAveraged(training, times);
        int p = 4;
        double[][] joint = new double[8][];
        System.arraycopy(spec.inputs(), 0, joint, 0, p);
        System.arraycopy(training.testInputs(), 0, joint, p, p);
        SplittableRandom random = new SplittableRandom(17);
        int draws = 6000;
        java.util.Map<Integer, FourierResidualKernels.Kernels> cache = new java.util.HashMap<>();
        double[][] sum = new double[2][times.length];
        double[][] sumSq = new double[2][times.length];
        for (int s = 0; s < draws; s++) {
            boolean[] kept = new boolean[3];
            for (int l = 0; l < 3; l++) {
                kept[l] = random.nextDouble() < 0.6;
            }
            int code = (kept[0] ? 1 : 0) + (kept[1] ? 2 : 0) + (kept[2] ? 4 : 0);
            FourierResidualKernels.Kernels k = cache.computeIfAbsent(code,
                    c -> FourierResidualKernels.infiniteWidth(spec, joint, kept));
            RealMatrix chol = new CholeskyDecomposition(new Array2DRowRealMatrix(jitter(k.nngp())), 1e-12, 1e-14)
                    .getL();
            double[] z = new double[8];
            for (int i = 0; i < 8; i++) {
                z[i] = Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
            }
            double[] f = chol.operate(z);
            double[][] ntk = k.ntk();
            double now = 0;
            for (int t = 0; t < times.length; t++) {
                int steps = (int) Math.round((times[t] - now) / 0.01);
                for (int i = 0; i < steps; i++) {
                    f = rk4(f, ntk, training.targets(), 0.01);
                }
                now = times[t];
                double[] err = errors(f, training.targets(), training.testTargets());
                for (int q = 0; q < 2; q++) {
                    sum[q][t] += err[q];
                    sumSq[q][t] += err[q] * err[q];
                }
            }
        }
        for (int t = 0; t < times.length; t++) {
            for (int q = 0; q < 2; q++) {
                double mean = sum[q][t] / draws;
                double se = Math.sqrt((sumSq[q][t] / draws - mean * mean) / (draws - 1));
                double predicted = q == 0 ? prediction.loss()[t] : prediction.testError()[t];
                assertEquals(mean, predicted, 4 * se, (q == 0 ? "loss" : "test error") + " at t = " + times[t]);
            }
        }
    }

    private static double[][] jitter(double[][] m) {
        double[][] out = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i].clone();
            out[i][i] += 1e-12;
        }
        return out;
    }

    /** {training loss, test error} of the joint outputs f (training first). */
    private static double[] errors(double[] f, double[] y, double[] yTest) {
        double loss = 0;
        double test = 0;
        for (int a = 0; a < y.length; a++) {
            loss += (f[a] - y[a]) * (f[a] - y[a]);
            test += (f[y.length + a] - yTest[a]) * (f[y.length + a] - yTest[a]);
        }
        return new double[] {loss / (2 * y.length), test / (2 * yTest.length)};
    }

    private static double[] velocity(double[] f, double[][] ntk, double[] y) {
        int p = y.length;
        double[] v = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            for (int c = 0; c < p; c++) {
                v[i] -= ntk[i][c] * (f[c] - y[c]) / p;
            }
        }
        return v;
    }

    private static double[] rk4(double[] f, double[][] ntk, double[] y, double h) {
        double[] k1 = velocity(f, ntk, y);
        double[] k2 = velocity(NtkDrift.shift(f, k1, h / 2), ntk, y);
        double[] k3 = velocity(NtkDrift.shift(f, k2, h / 2), ntk, y);
        double[] k4 = velocity(NtkDrift.shift(f, k3, h), ntk, y);
        double[] out = f.clone();
        for (int i = 0; i < f.length; i++) {
            out[i] += h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
        }
        return out;
    }
}
