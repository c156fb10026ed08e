package org.feynet.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.feynet.codegen.Evaluators;
import org.feynet.derive.ActivationCalculus;
import org.feynet.model.InputSpec;
import org.feynet.model.MlpModel;
import org.feynet.model.Observable;
import org.feynet.numerics.ActivationJet;
import org.feynet.numerics.GaussianEngines;
import org.feynet.numerics.GaussianMoments;
import org.feynet.numerics.TiedKernels;
import org.junit.jupiter.api.Test;

/**
 * The infinite-width two-step kernel of weight-tied networks ({@link TiedKernels}) against the tied sampler: at
 * widths 64, 128 and 256 the sampled E[R^(t,s)_ab] is fitted by A + B/n (weighted least squares, {@link
 * WidthSeriesFit}), and the intercept A must agree with C(t, s)_ab within 4.5 standard errors of A (about 90 fitted
 * numbers; the omitted 1/n^2 term shifts A by about c/(64 * 256) relative, far below the errors here). The untied
 * network has C(t, s) = 0 for t != s, which the fits must exclude where C is not small. Measured (seeds 5, 6, 7):
 * largest |pull| 2.6 over the 64 intercepts; the untied value 0 is 130 standard errors from the largest.
 */
class TiedKernelsTest {

    private static final double[][] GRAM = {{1.0, 0.5}, {0.5, 0.8}};

    @Test
    void tanhTwoStepKernelIsTheInterceptOfSampledWidths() {
        MlpModel model = new MlpModel("tied_tanh", Networks.tanh(), 0.1, 1.5, 4, new InputSpec.Gram(GRAM),
                Observable.METRIC, 1, null, MlpModel.WeightSharing.TIED);
        ActivationJet jet = Evaluators.jet(new ActivationCalculus(model.activation()));
        GaussianMoments engine = GaussianEngines.forActivation(model.activation(), jet);
        double[][][][] theory = TiedKernels.twoStep(engine, model.cb(), model.cw(), GRAM, 4);
        List<Integer> widths = List.of(64, 128, 256);
        TiedSample[] samples = new TiedSample[widths.size()];
        for (int k = 0; k < widths.size(); k++) {
            samples[k] = TiedSampler.of(model, widths.get(k)).networks(3000).seed(5 + k).progress(false).sample();
        }
        double worst = 0;
        double untiedExcluded = 0;
        for (int t = 0; t < 4; t++) {
            for (int s = 0; s < 4; s++) {
                for (int a = 0; a < 2; a++) {
                    for (int b = 0; b < 2; b++) {
                        double[] values = new double[widths.size()];
                        double[] errors = new double[widths.size()];
                        for (int k = 0; k < widths.size(); k++) {
                            values[k] = samples[k].twoStepMean()[t][s][a][b];
                            errors[k] = samples[k].twoStepError()[t][s][a][b];
                        }
                        WidthSeriesFit fit = WidthSeriesFit.of(widths, values, errors, 2);
                        double intercept = fit.coefficients()[0];
                        double se = fit.errors()[0];
                        worst = Math.max(worst, Math.abs(intercept - theory[t][s][a][b]) / se);
                        if (t != s) {
                            untiedExcluded = Math.max(untiedExcluded, Math.abs(intercept) / se);
                        }
                    }
                }
            }
        }
        assertTrue(worst < 4.5, "largest |pull| of the fitted intercepts: " + worst);
        assertTrue(untiedExcluded > 10, "the untied C(t, s) = 0 is only " + untiedExcluded + " se away");
        // C(1, s) = 0 and C(2, 3) = Cb + Cw <sigma(u1)> <sigma(u2)> = Cb for an odd sigma
        assertEquals(0.0, theory[0][2][0][1]);
        assertEquals(0.1, theory[1][2][0][1], 1e-12);
    }
}
