package org.feynet.numerics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The encoding of the Gauss–Hermite rules for the disk cache: it holds the computed nodes and weights bit for bit
 * (read back here with a plain DataInputStream, independently of {@link GaussHermiteRules#preload}), preloading it
 * again changes nothing, and damaged or invalid encodings are refused whole.
 */
class GaussHermiteRulesTest {

    /**
     * Order 888 is among them because its last bracket ends beyond {@link GaussHermiteRule#MAX_NODE}, so its outermost
     * node lies just outside that bound (a valid rule all the same).
     */
    @Test
    void encodingHoldsTheComputedRulesBitForBit() throws IOException {
        int[] orders = {24, 40, 120, 328, 888};
        assertTrue(Arrays.stream(GaussHermiteRule.of(888).nodes()).anyMatch(u -> Math.abs(u) > GaussHermiteRule.MAX_NODE));
        for (int n : orders) {
            GaussHermiteRule.of(n);
        }
        byte[] encoded = GaussHermiteRules.encode();
        int found = 0;
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
            in.readInt();
            int count = in.readInt();
            for (int r = 0; r < count; r++) {
                int order = in.readInt();
                int size = in.readInt();
                double[] nodes = new double[size];
                double[] weights = new double[size];
                for (int i = 0; i < size; i++) {
                    nodes[i] = in.readDouble();
                    weights[i] = in.readDouble();
                }
                if (Arrays.stream(orders).anyMatch(n -> n == order)) {
                    GaussHermiteRule rule = GaussHermiteRule.of(order);
                    assertTrue(Arrays.equals(rule.nodes(), nodes), "nodes of order " + order);
                    assertTrue(Arrays.equals(rule.weights(), weights), "weights of order " + order);
                    found++;
                }
            }
        }
        assertEquals(orders.length, found);
        assertEquals(0, GaussHermiteRules.preload(encoded), "every rule is held already");
    }

    @Test
    void damagedEncodingsAreRefused() {
        GaussHermiteRule.of(32);
        byte[] encoded = GaussHermiteRules.encode();
        assertThrows(IOException.class, () -> GaussHermiteRules.preload(Arrays.copyOf(encoded, encoded.length - 3)));
        assertThrows(IOException.class, () -> GaussHermiteRules.preload(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}));
        byte[] longer = Arrays.copyOf(encoded, encoded.length + 1);
        assertThrows(IOException.class, () -> GaussHermiteRules.preload(longer));
    }

    /** A rule whose weights are not positive, or whose nodes are not ordered by |u|, is not installed. */
    @Test
    void invalidRulesAreRefusedBeforeAnyIsInstalled() throws IOException {
        int before = GaussHermiteRules.count();
        assertThrows(IOException.class, () -> GaussHermiteRules.preload(encoding(
                new int[] {4093, 4094}, new double[][] {{0.1, -0.1}, {0.5, 0.2}}, new double[][] {{0.5, 0.5}, {0.5, 0.5}})));
        assertThrows(IOException.class, () -> GaussHermiteRules.preload(encoding(
                new int[] {4095}, new double[][] {{0.0}}, new double[][] {{-1.0}})));
        assertEquals(before, GaussHermiteRules.count(), "nothing installed");
    }

    private static byte[] encoding(int[] orders, double[][] nodes, double[][] weights) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(0x47485231);
            out.writeInt(orders.length);
            for (int r = 0; r < orders.length; r++) {
                out.writeInt(orders[r]);
                out.writeInt(nodes[r].length);
                for (int i = 0; i < nodes[r].length; i++) {
                    out.writeDouble(nodes[r][i]);
                    out.writeDouble(weights[r][i]);
                }
            }
        }
        return bytes.toByteArray();
    }
}
