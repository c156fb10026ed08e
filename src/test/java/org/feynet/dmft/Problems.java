package org.feynet.dmft;

import org.feynet.lang.ModelReader;
import org.feynet.model.TrainingProblem;

/** Small training problems written in the model language, for the DMFT and training tests. */
public final class Problems {

    private Problems() {}

    /** P = 3 inputs of dimension 2 (a full-rank gram), targets (1, -1, 0.5), depth L, sigma, gamma0, time T. */
    public static TrainingProblem of(int depth, String sigma, double gamma0, double time) {
        String hidden = depth > 1 ? "  z[l+1] = W[l+1] . sigma(z[l]) / sqrt(n)   for l = 1 .. L-1\n" : "";
        String text = "network m {\n  width n\n  depth L = " + depth + "\n  activation sigma(z) = " + sigma + "\n"
                + "  init W ~ normal(0, 1)\n  input x = [[1, 0], [0.5, 1], [-1, 0.8]]\n  z[1] = W[1] . x / sqrt(n0)\n"
                + hidden + "  output f = w . sigma(z[L]) / (gamma0 * n)   with gamma0 = " + gamma0 + "\n}\n"
                + "train m {\n  targets y = [1, -1, 0.5]\n  loss mse\n"
                + "  gradient flow with rate gamma0^2 * n for t = 0 .. " + time + "\n}\nderive dynamics\n";
        return ModelReader.parse("t.fnet", text).trainings().get(0);
    }
}
