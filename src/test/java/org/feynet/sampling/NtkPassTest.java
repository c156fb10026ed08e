package org.feynet.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.feynet.model.MlpModel;
import org.junit.jupiter.api.Test;

class NtkPassTest {

    private static final double LAMBDA_B = 0.3;
    private static final double LAMBDA_W = 1.7;
    private static final long SEED = 2024;

    private static NtkObservation draw(MlpModel model, int width, long index) {
        NtkObservation out = new NtkObservation(model.depth(), model.inputs());
        String trouble = new NtkPass(model, width, LAMBDA_B, LAMBDA_W).draw(Seeds.network(SEED, index), out);
        assertNull(trouble);
        return out;
    }

    private static double[][] gramFirstLayerNtk(double[][] k, double cb, double cw) {
        double[][] h = new double[k.length][k.length];
        for (int a = 0; a < k.length; a++) {
            for (int b = 0; b < k.length; b++) {
                h[a][b] = LAMBDA_B + LAMBDA_W * (k[a][b] - cb) / cw;
            }
        }
        return h;
    }

    private static double[][] rawFirstLayerNtk(double[][] x) {
        double[][] h = new double[x.length][x.length];
        for (int a = 0; a < x.length; a++) {
            for (int b = 0; b < x.length; b++) {
                double dot = 0;
                for (int k = 0; k < x[a].length; k++) {
                    dot += x[a][k] * x[b][k];
                }
                h[a][b] = LAMBDA_B + LAMBDA_W * dot / x[a].length;
            }
        }
        return h;
    }

    private static void assertAgreesWithDirectRecursion(MlpModel model, int width, double[][] h1) {
        int p = model.inputs();
        for (long index = 0; index < 3; index++) {
            NtkObservation sampled = draw(model, width, index);
            ExplicitTanhNetwork net = ExplicitTanhNetwork.replay(model, width, SEED, index);
            double[][][][][] theta = net.directNtk(LAMBDA_B, LAMBDA_W, h1);
            double[][][] z = net.forward();
            for (int t = 0; t < model.depth(); t++) {
                for (int i = 0; i < 2; i++) {
                    for (int a = 0; a < p; a++) {
                        assertEquals(z[t][i][a], sampled.preactivation[t][i][a], 1e-13, "z at layer " + (t + 1));
                        for (int j = 0; j < 2; j++) {
                            for (int b = 0; b < p; b++) {
                                double expected = theta[t][i][j][a][b];
                                assertEquals(expected, sampled.ntk[t][2 * i + j][a * p + b],
                                        1e-12 * Math.max(1, Math.abs(expected)),
                                        "Theta^(" + (t + 1) + ")_{" + i + j + ";" + a + b + "}");
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void backpropagatedNtkAgreesWithTheDirectRecursionOnAGramInput() {
        double[][] k = {{1.0, 0.5}, {0.5, 0.8}};
        MlpModel model = Networks.mlp(Networks.tanh(), 0.2, 1.6, 4, k);
        assertAgreesWithDirectRecursion(model, 6, gramFirstLayerNtk(k, 0.2, 1.6));
    }

    @Test
    void backpropagatedNtkAgreesWithTheDirectRecursionOnRawInputs() {
        double[][] x = {{1.0, 0.0, 2.0}, {0.5, 1.5, -1.0}};
        MlpModel model = Networks.mlpOnVectors(Networks.tanh(), 0.2, 1.6, 4, x);
        assertAgreesWithDirectRecursion(model, 6, rawFirstLayerNtk(x));
    }

    @Test
    void ntkIsTheLearningRateWeightedSumOfGradientProductsOverAllParameters() {
        double[][] x = {{0.8, -0.4, 1.2}, {-0.3, 1.1, 0.6}};
        MlpModel model = Networks.mlpOnVectors(Networks.tanh(), 0.3, 1.5, 3, x);
        int width = 3;
        NtkObservation sampled = draw(model, width, 5);
        ExplicitTanhNetwork net = ExplicitTanhNetwork.replay(model, width, SEED, 5);
        for (int t = 0; t < 3; t++) {
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 2; j++) {
                    for (int a = 0; a < 2; a++) {
                        for (int b = 0; b < 2; b++) {
                            double expected = net.finiteDifferenceNtk(t, i, j, a, b, LAMBDA_B, LAMBDA_W, 1e-5);
                            assertEquals(expected, sampled.ntk[t][2 * i + j][a * 2 + b], 1e-8,
                                    "Theta^(" + (t + 1) + ")_{" + i + j + ";" + a + b + "}");
                        }
                    }
                }
            }
        }
    }

    @Test
    void ntkOfTheSecondNeuronPairIsTheTransposeOfTheFirst() {
        MlpModel model = Networks.mlp(Networks.tanh(), 0.1, 1.4, 4, new double[][] {{1.0, 0.3}, {0.3, 0.7}});
        NtkObservation sampled = draw(model, 16, 0);
        for (int t = 0; t < 4; t++) {
            for (int a = 0; a < 2; a++) {
                for (int b = 0; b < 2; b++) {
                    assertEquals(sampled.ntk[t][1][a * 2 + b], sampled.ntk[t][2][b * 2 + a], 0.0);
                    assertEquals(sampled.ntk[t][0][a * 2 + b], sampled.ntk[t][0][b * 2 + a], 0.0);
                }
            }
        }
    }

    @Test
    void metricsAreThoseOfTheForwardPassBitForBit() {
        MlpModel model = Networks.mlp(Networks.tanh(), 0.1, 1.4, 4, new double[][] {{1.0, 0.3}, {0.3, 0.7}});
        double[][] metric = new double[4][4];
        new ForwardPass(model, 16).draw(Seeds.network(SEED, 3), metric);
        NtkObservation sampled = draw(model, 16, 3);
        for (int t = 0; t < 4; t++) {
            for (int u = 0; u < 4; u++) {
                assertEquals(metric[t][u], sampled.metric[t][u], 0.0);
            }
        }
    }
}
