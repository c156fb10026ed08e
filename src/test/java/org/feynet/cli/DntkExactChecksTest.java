package org.feynet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dNTK and ddNTK statistics against results derived by hand, independently of feynet's diagram rules.
 *
 * <p><b>Layer 2 of a linear network.</b> z2_i = b2_i + sum_j W2_ij z1_j with z1 = b1 + W1 x: the only second
 * derivatives are d^2 z2_i / dW2_ij d(b1_j or W1_jk) = 1 or x_k, and there are no third derivatives. Contracting with
 * the NTK directions (lambda_b for biases, lambda_W/n0 and lambda_W/n for the weights), with H = H^(1) and K = K^(1):
 * <pre>
 *   dH_{i0 i1 i2; abc} = delta_{i0 i1} (lambda_W/n) H_ac sum_j z1_{j;b} W2_{i2 j} + (1 &lt;-&gt; 2),
 *   ddII_{i1 i2 i3 i4; abcd} = delta_{i1 i2} (lambda_W/n) H_ac H_bd sum_j W2_{i3 j} W2_{i4 j}
 *                              + delta_{i1 i3} delta_{i2 i4} (lambda_W/n)^2 H_ad sum_j z1_{j;b} z1_{j;c},
 * </pre>
 * so P = R = U = 0, Q_abcd = lambda_W Cw H_ac K_bd, S_abcd = lambda_W Cw H_ac H_bd, T_abcd = lambda_W^2 H_ad K_bc.
 *
 * <p><b>ReLU.</b> A network's parameter-derivatives hold the pointwise sigma'' = sigma''' = 0 (almost everywhere, as
 * automatic differentiation takes them), so the statistics whose sources all hold sigma'' or sigma''' on the
 * differentiated neuron vanish at every layer: P (sources sigma'' times NTKs, and P itself), R (sigma''', sigma''
 * and P) and U (sigma'' sigma'').
 */
class DntkExactChecksTest {

    @TempDir
    Path dir;

    private static final double CB = 0.2;
    private static final double CW = 1.3;
    private static final double LB = 0.5;
    private static final double LW = 0.8;

    private JsonNode eval(String activation) throws IOException {
        String text = "network m {\n  width n\n  depth L = 3\n  activation sigma(z) = " + activation + "\n"
                + "  init b ~ normal(0, Cb), W ~ normal(0, Cw/n) with Cb = " + CB + ", Cw = " + CW + "\n"
                + "  learning rates lambda_b = " + LB + ", lambda_W = " + LW + "\n"
                + "  input x = [[1.0, 0.5, -0.3], [0.2, -1.1, 0.7]]\n"
                + "  z[1] = b[1] + W[1] . x\n"
                + "  z[l+1] = b[l+1] + W[l+1] . sigma(z[l])   for l = 1 .. L-1\n}\n"
                + "derive ddntk to order 1/n\n";
        Path file = dir.resolve("m.fnet");
        Files.writeString(file, text);
        CliRun r = CliRun.of("eval", file.toString(), "--json", "--quiet");
        assertEquals(0, r.code(), r.err());
        return new ObjectMapper().readTree(r.out()).get("layers");
    }

    @Test
    void linearNetworkAtLayerTwoHasTheClosedForms() throws IOException {
        JsonNode layers = eval("z");
        double[][] x = {{1.0, 0.5, -0.3}, {0.2, -1.1, 0.7}};
        double[][] h = new double[2][2];
        double[][] k = new double[2][2];
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                double dot = 0;
                for (int i = 0; i < 3; i++) {
                    dot += x[a][i] * x[b][i];
                }
                h[a][b] = LB + LW * dot / 3;
                k[a][b] = CB + CW * dot / 3;
            }
        }
        JsonNode two = layers.get(1);
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                for (int c = 0; c < 2; c++) {
                    for (int d = 0; d < 2; d++) {
                        String at = "[" + a + b + c + d + "]";
                        assertEquals(0.0, value(two, "P", a, b, c, d), 1e-12, "P" + at);
                        assertEquals(0.0, value(two, "R", a, b, c, d), 1e-12, "R" + at);
                        assertEquals(0.0, value(two, "U", a, b, c, d), 1e-12, "U" + at);
                        assertEquals(LW * CW * h[a][c] * k[b][d], value(two, "Q", a, b, c, d), 1e-12, "Q" + at);
                        assertEquals(LW * CW * h[a][c] * h[b][d], value(two, "S", a, b, c, d), 1e-12, "S" + at);
                        assertEquals(LW * LW * h[a][d] * k[b][c], value(two, "T", a, b, c, d), 1e-12, "T" + at);
                    }
                }
            }
        }
    }

    @Test
    void everyDifferentialVanishesAtLayerOne() throws IOException {
        JsonNode one = eval("tanh(z)").get(0);
        for (String key : new String[] {"P", "Q", "R", "S", "T", "U"}) {
            for (int a = 0; a < 2; a++) {
                assertEquals(0.0, value(one, key, a, a, 1 - a, a), 0.0, key);
            }
        }
    }

    @Test
    void reluHasNoPRorUAtAnyLayer() throws IOException {
        JsonNode layers = eval("relu(z)");
        for (int l = 0; l < 3; l++) {
            for (String key : new String[] {"P", "R", "U"}) {
                for (int a = 0; a < 2; a++) {
                    for (int b = 0; b < 2; b++) {
                        for (int c = 0; c < 2; c++) {
                            for (int d = 0; d < 2; d++) {
                                assertEquals(0.0, value(layers.get(l), key, a, b, c, d), 0.0, key + " at " + (l + 1));
                            }
                        }
                    }
                }
            }
        }
        assertTrue(Math.abs(value(layers.get(2), "Q", 0, 0, 0, 0)) > 0.1);
        assertTrue(Math.abs(value(layers.get(2), "S", 0, 0, 0, 0)) > 0.1);
    }

    private static double value(JsonNode layer, String key, int a, int b, int c, int d) {
        return layer.get(key).get(a).get(b).get(c).get(d).asDouble();
    }
}
