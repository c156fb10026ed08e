package org.feynet.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.feynet.lang.ModelReader;
import org.feynet.model.TrainingProblem;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The trainer's gradients, its NTK and its integrator, each against an independent computation. */
class GradientFlowTrainerTest {

    static TrainingProblem problem(String sigma, int depth, double time) {
        String hidden = depth > 1 ? "  z[l+1] = W[l+1] . sigma(z[l]) / sqrt(n)   for l = 1 .. L-1\n" : "";
        return ModelReader.parse("t.fnet", "network m {\n  width n\n  depth L = " + depth + "\n"
                + "  activation sigma(z) = " + sigma + "\n  init W ~ normal(0, 1)\n"
                + "  input x = [[1, 0], [0.5, 1], [-1, 0.8]]\n  z[1] = W[1] . x / sqrt(n0)\n" + hidden
                + "  output f = w . sigma(z[L]) / (gamma0 * n)   with gamma0 = 0.5\n}\n"
                + "train m {\n  targets y = [1, -1, 0.5]\n  loss mse\n"
                + "  gradient flow with rate gamma0^2 * n for t = 0 .. " + time + "\n}\n").trainings().get(0);
    }

    /**
     * The outputs move as d f/dt = (1/P) K (y - f) with the NTK measured as sum_l G^{l+1} Phi^l: a step of 1e-4
     * (f changes by dt df/dt + O(dt^2), relative error about 1e-4 times the curvature) must agree with the NTK's
     * prediction to 1e-3 relative. The velocity comes from backpropagated gradients, the NTK from the forward and
     * backward kernels, so this checks both the gradients and the layer decomposition of the NTK.
     */
    @ParameterizedTest(name = "depth {0}")
    @ValueSource(ints = {1, 2, 3})
    void outputsMoveWithTheMeasuredNtk(int depth) {
        TrainingProblem problem = problem("tanh(z)", depth, 20 * 1e-4);
        Trajectory run = new GradientFlowTrainer(problem, 64).train(3, 1e-4, 20);
        double dt = run.times()[1];
        double[] f0 = run.observations().get(0).f();
        double[] f1 = run.observations().get(1).f();
        double[][] k = run.observations().get(0).ntk();
        double[] y = problem.targets();
        for (int mu = 0; mu < 3; mu++) {
            double velocity = 0;
            for (int nu = 0; nu < 3; nu++) {
                velocity += k[mu][nu] * (y[nu] - f0[nu]) / 3;
            }
            double measured = (f1[mu] - f0[mu]) / dt;
            assertEquals(velocity, measured, 1e-3 * Math.abs(velocity) + 1e-9, "sample " + mu);
        }
    }

    /** RK4 is fourth order: halving the step from 0.2 changes f(T) by about (1 - 1/16) of the error at 0.2. */
    @ParameterizedTest(name = "depth {0}")
    @ValueSource(ints = {2})
    void rk4StepIsConverged(int depth) {
        TrainingProblem problem = problem("tanh(z)", depth, 10);
        GradientFlowTrainer trainer = new GradientFlowTrainer(problem, 64);
        Trajectory coarse = trainer.train(5, 0.2, 20);
        Trajectory fine = trainer.train(5, 0.1, 20);
        for (int mu = 0; mu < 3; mu++) {
            assertEquals(fine.observations().get(20).f()[mu], coarse.observations().get(20).f()[mu], 1e-5);
        }
    }
}
