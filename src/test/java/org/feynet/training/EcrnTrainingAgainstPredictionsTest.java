package org.feynet.training;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.feynet.model.FourierResidualNetwork;
import org.feynet.model.FourierResidualTraining;
import org.feynet.sampling.WidthSeriesFit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Real training of Fourier residual networks (L = 4, p = 0.8, P = 6, T = 2) at widths 32, 64, 128 with 16 seeds
 * each, against the predictions.
 * <ul>
 * <li>The loss and the test error at T, and the largest NTK eigenvalue at T, fitted q(n) = q_inf + c/n with the
 *     seeds' standard errors, agree with the mask-averaged infinite-width lazy prediction within 4 standard errors
 *     of q_inf (the fit's error propagates the seeds' sd / sqrt(16)).</li>
 * <li>On every network the drift stays below the bound at every report time.</li>
 * <li>The drift predictions improve with width as their orders say: per network the first-order error over the
 *     drift is O(n^-1/2) and the truncated error over the drift O(1/n). The medians over seeds of these ratios
 *     (robust against the heavy tail of networks that move far) must fall from n = 32 to n = 128 by more than 1.3
 *     (expected 2) and 2 (expected 4), and the truncated ratio must be below the first-order one at every width.
 *     These margins are heuristic (the medians of 16 heavy-tailed ratios scatter by about 20%), not derived from
 *     standard errors.</li>
 * </ul>
 */
@Tag("slow")
class EcrnTrainingAgainstPredictionsTest {

    @Test
    void trainedNetworksAgreeWithPredictions() {
        FourierResidualNetwork spec = EcrnFixtures.network(4, 0, 0.8, 6);
        FourierResidualTraining training = EcrnFixtures.training(spec, 2.0);
        List<Integer> widths = List.of(32, 64, 128);
        List<FourierResidualEnsemble> ensembles = new ArrayList<>();
        for (int w : widths) {
            ensembles.add(FourierResidualEnsemble.train(training, new FourierResidualTrainer.Settings(w, w, 4, 0.5,
                    FourierResidualTrainer.Prediction.TRUNCATED), 16, 101));
        }
        int last = 4;
        LazyPrediction lazy = LazyPrediction.maskAveraged(training, ensembles.get(0).times());
        checkFit("loss(T)", widths, ensembles, r -> r.loss()[last], lazy.loss()[last]);
        checkFit("test(T)", widths, ensembles, r -> r.testError()[last], lazy.testError()[last]);
        checkFit("lambda_1(T)", widths, ensembles, r -> r.eigenvalues()[last][0], lazy.eigenvalues()[0]);
        double[][] ratios = new double[2][widths.size()];
        for (int i = 0; i < widths.size(); i++) {
            FourierResidualEnsemble e = ensembles.get(i);
            for (FourierResidualRun r : e.runs()) {
                for (int k = 1; k <= last; k++) {
                    assertTrue(r.drift(k) <= r.prediction().bound()[k], "bound, width " + e.width());
                }
            }
            ratios[0][i] = median(e, r -> Gram.frobeniusDistance(r.prediction().firstOrder()[last], r.ntk()[last])
                    / r.drift(last));
            ratios[1][i] = median(e, r -> Gram.frobeniusDistance(r.prediction().truncated()[last], r.ntk()[last])
                    / r.drift(last));
            assertTrue(ratios[1][i] < ratios[0][i], "width " + e.width() + ": " + Arrays.deepToString(ratios));
        }
        assertTrue(ratios[0][0] / ratios[0][2] > 1.3, "first-order ratios " + Arrays.toString(ratios[0]));
        assertTrue(ratios[1][0] / ratios[1][2] > 2, "truncated ratios " + Arrays.toString(ratios[1]));
    }

    private static void checkFit(String name, List<Integer> widths, List<FourierResidualEnsemble> ensembles,
            ToDoubleFunction<FourierResidualRun> q, double predicted) {
        double[] means = new double[widths.size()];
        double[] errors = new double[widths.size()];
        for (int i = 0; i < means.length; i++) {
            means[i] = ensembles.get(i).mean(q);
            errors[i] = ensembles.get(i).standardError(q);
        }
        WidthSeriesFit fit = WidthSeriesFit.of(widths, means, errors, 2);
        double pull = (fit.coefficients()[0] - predicted) / fit.errors()[0];
        assertTrue(Math.abs(pull) < 4, name + ": fit " + fit.coefficients()[0] + " +- " + fit.errors()[0]
                + " vs predicted " + predicted + " (means " + Arrays.toString(means) + ")");
    }

    private static double median(FourierResidualEnsemble e, ToDoubleFunction<FourierResidualRun> q) {
        double[] v = e.runs().stream().mapToDouble(q).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
