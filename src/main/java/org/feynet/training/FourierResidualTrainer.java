package org.feynet.training;

import org.feynet.model.FourierResidualNetwork;
import org.feynet.model.FourierResidualTraining;
import org.feynet.numerics.NumericalTrouble;

/**
 * Trains explicit Fourier residual networks ({@link FourierResidualNet}) by full-batch gradient flow on
 * L = (1/(2P)) sum_a (f_a - y_a)^2 with per-parameter rates rho (W^(0), w: 1; b: lambda_b; hidden W: lambda_W / n):
 * d theta/dt = -rho dL/dtheta = -(1/P) sum_c rho (df_c/dtheta) r_c, r = f - y, so that df/dt = -(1/P) Theta r.
 * <p>
 * Integrator: the classical fourth-order Runge-Kutta method. Near the lazy regime the flow of the outputs is the
 * linear system dr/dt = -(Theta/P) r, whose stiffest mode decays at rate lambda_max(Theta)/P; RK4 is stable for
 * h lambda/P < 2.78 and its error per step for that mode is about (h lambda/P)^5 / 120. The step is therefore
 * h = min(maxStep, {@value #STABILITY} P / lambda_max), with lambda_max re-measured at every report time (the
 * NTK drifts), so every mode is resolved with relative error per step below 3e-4 and the slow modes far better.
 */
public final class FourierResidualTrainer {

    /** h lambda_max / P never exceeds this. */
    public static final double STABILITY = 0.5;

    /** Which drift predictions to compute at t = 0. */
    public enum Prediction { NONE, FIRST_ORDER, TRUNCATED }

    /**
     * @param width       n
     * @param frequencies m, the number of Fourier frequencies of the explicit networks
     * @param intervals   K: the run is observed at t_k = k T / K, k = 0 .. K
     * @param maxStep     the largest RK4 step
     * @param prediction  which predictions to compute from the network's dNTK / ddNTK at t = 0
     */
    public record Settings(int width, int frequencies, int intervals, double maxStep, Prediction prediction) {
        public Settings {
            if (width < 1 || frequencies < 1 || intervals < 1 || !(maxStep > 0)) {
                throw new IllegalArgumentException("need width, frequencies, intervals >= 1 and a positive step");
            }
        }
    }

    private FourierResidualTrainer() {}

    /** The number of frequencies of explicit networks: the file's m, or m = n when m is symbolic (infinite). */
    public static int frequencies(FourierResidualNetwork network, int width) {
        return network.features().infinite() ? width : network.features().count();
    }

    /** Trains the network of seed {@code seed}. */
    public static FourierResidualRun train(FourierResidualTraining training, Settings settings, long seed) {
        FourierResidualNetwork spec = training.network();
        FourierResidualNet.Draw draw = FourierResidualNet.draw(spec, settings.width(), settings.frequencies(), seed);
        FourierResidualNet net = draw.net();
        double[][] gamma = net.features(spec.inputs());
        double[][] testGamma = net.features(training.testInputs());
        double[] y = training.targets();
        double[] yTest = training.testTargets();
        int p = y.length;
        int count = settings.intervals() + 1;
        double[] times = new double[count];
        double[][] outputs = new double[count][];
        double[] loss = new double[count];
        double[] testError = new double[count];
        double[][][] ntk = new double[count][][];
        double[][] eigen = new double[count][];
        double[] theta = draw.theta();
        double interval = training.time() / settings.intervals();
        double largest = 0;
        for (int k = 0; k < count; k++) {
            times[k] = k * interval;
            FourierResidualNet.State state = net.state(theta, gamma);
            outputs[k] = state.outputs();
            loss[k] = halfMeanSquare(outputs[k], y);
            testError[k] = yTest.length == 0 ? Double.NaN : halfMeanSquare(net.outputs(theta, testGamma), yTest);
            ntk[k] = state.ntk();
            eigen[k] = Gram.eigenvalues(ntk[k]);
            if (!Double.isFinite(loss[k]) || !Double.isFinite(eigen[k][0])) {
                throw new NumericalTrouble("training diverged at t = " + times[k] + " (width " + settings.width()
                        + ", seed " + seed + ")");
            }
            if (k == count - 1) {
                break;
            }
            double bound = eigen[k][0] > 0 ? STABILITY * p / eigen[k][0] : settings.maxStep();
            int substeps = (int) Math.ceil(interval / Math.min(settings.maxStep(), bound) - 1e-9);
            double h = interval / substeps;
            largest = Math.max(largest, h);
            for (int s = 0; s < substeps; s++) {
                theta = rk4(net, gamma, y, theta, h);
            }
        }
        DriftPrediction prediction = predict(net, draw.theta(), gamma, ntk[0], outputs[0], y, times,
                settings.prediction());
        return new FourierResidualRun(seed, net.kept(), times, outputs, loss, testError, ntk, eigen, largest,
                prediction);
    }

    private static DriftPrediction predict(FourierResidualNet net, double[] theta0, double[][] gamma,
            double[][] ntk0, double[] f0, double[] y, double[] times, Prediction which) {
        if (which == Prediction.NONE) {
            return null;
        }
        double[] r0 = new double[y.length];
        for (int a = 0; a < y.length; a++) {
            r0[a] = f0[a] - y[a];
        }
        double[][][] dH = NtkDrift.dntk(net, theta0, gamma, NtkDrift.EPS);
        double[][][] coarse = NtkDrift.dntk(net, theta0, gamma, 2 * NtkDrift.EPS);
        double error = 0;
        for (int a = 0; a < y.length; a++) {
            for (int b = 0; b < y.length; b++) {
                for (int c = 0; c < y.length; c++) {
                    error = Math.max(error, Math.abs(coarse[a][b][c] - dH[a][b][c]) / 3);
                }
            }
        }
        double[][][][] ddH = which == Prediction.TRUNCATED ? NtkDrift.ddntk(net, theta0, gamma, NtkDrift.EPS) : null;
        return DriftPrediction.of(ntk0, dH, ddH, r0, times, error);
    }

    /** (1/(2P)) |f - y|^2. */
    static double halfMeanSquare(double[] f, double[] y) {
        double sum = 0;
        for (int a = 0; a < f.length; a++) {
            double d = f[a] - y[a];
            sum += d * d;
        }
        return sum / (2 * f.length);
    }

    /** d theta/dt = -(1/P) sum_c rho (df_c/dtheta) (f_c - y_c). */
    static double[] velocity(FourierResidualNet net, double[][] gamma, double[] y, double[] theta) {
        FourierResidualNet.State state = net.state(theta, gamma);
        double[] f = state.outputs();
        double[] u = new double[y.length];
        for (int c = 0; c < y.length; c++) {
            u[c] = -(f[c] - y[c]) / y.length;
        }
        return state.tangent(u);
    }

    /** One classical RK4 step of the flow. */
    static double[] rk4(FourierResidualNet net, double[][] gamma, double[] y, double[] theta, double h) {
        double[] k1 = velocity(net, gamma, y, theta);
        double[] k2 = velocity(net, gamma, y, NtkDrift.shift(theta, k1, h / 2));
        double[] k3 = velocity(net, gamma, y, NtkDrift.shift(theta, k2, h / 2));
        double[] k4 = velocity(net, gamma, y, NtkDrift.shift(theta, k3, h));
        double[] out = theta.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] += h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
        }
        return out;
    }
}
