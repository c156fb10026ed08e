package org.feynet.numerics;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The Gauss–Hermite rules of this process ({@link GaussHermiteRule}) as data, so that a caller can keep them on disk:
 * computing the rules a small evaluation needs (orders 24 to about 320, each O(n^2) recurrence steps per zero
 * bracket) costs more than the evaluation's quadrature. A rule is a function of its order alone, and the stored
 * nodes and weights are the computed doubles bit for bit, so an evaluation from preloaded rules prints exactly what
 * one that computes them prints.
 *
 * <p>Format: the magic number, the number of rules, then per rule its order n, its number of stored nodes m and m
 * (node, weight) pairs as IEEE 754 doubles (big-endian, {@link DataOutputStream}).
 */
public final class GaussHermiteRules {

    private static final int MAGIC = 0x47485231; // "GHR1"
    /** Largest order kept in an encoding (orders beyond it cost megabytes and are rare). */
    static final int MAX_STORED_ORDER = 4096;

    private GaussHermiteRules() {}

    /** How many rules this process holds (computed or preloaded). */
    public static int count() {
        return GaussHermiteRule.cached().size();
    }

    /** Every rule this process holds up to order {@value #MAX_STORED_ORDER}, encoded. */
    public static byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            java.util.List<GaussHermiteRule> rules = GaussHermiteRule.cached().stream()
                    .filter(r -> r.order() <= MAX_STORED_ORDER).toList();
            out.writeInt(MAGIC);
            out.writeInt(rules.size());
            for (GaussHermiteRule rule : rules) {
                out.writeInt(rule.order());
                out.writeInt(rule.size());
                for (int i = 0; i < rule.size(); i++) {
                    out.writeDouble(rule.node(i));
                    out.writeDouble(rule.weight(i));
                }
            }
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return bytes.toByteArray();
    }

    /**
     * Installs the rules of an {@link #encode encoding}, keeping any rule already held; returns how many it
     * installed. Nothing is installed from a damaged encoding.
     *
     * @throws IOException when the bytes are not a well-formed encoding of valid rules
     */
    public static int preload(byte[] encoded) throws IOException {
        java.util.List<double[][]> rules = new java.util.ArrayList<>();
        java.util.List<Integer> orders = new java.util.ArrayList<>();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
            if (in.readInt() != MAGIC) {
                throw new IOException("not an encoding of Gauss-Hermite rules");
            }
            int count = in.readInt();
            if (count < 0 || count > MAX_STORED_ORDER) {
                throw new IOException("bad rule count " + count);
            }
            for (int r = 0; r < count; r++) {
                int order = in.readInt();
                int size = in.readInt();
                if (order < 1 || order > MAX_STORED_ORDER || size < 0 || size > order) {
                    throw new IOException("bad rule header " + order + ", " + size);
                }
                double[] nodes = new double[size];
                double[] weights = new double[size];
                for (int i = 0; i < size; i++) {
                    nodes[i] = in.readDouble();
                    weights[i] = in.readDouble();
                }
                orders.add(order);
                rules.add(new double[][] {nodes, weights});
            }
            if (in.read() != -1) {
                throw new IOException("trailing bytes after the rules");
            }
        } catch (java.io.EOFException truncated) {
            throw new IOException("truncated encoding of Gauss-Hermite rules", truncated);
        }
        int installed = 0;
        try {
            for (int r = 0; r < rules.size(); r++) {
                GaussHermiteRule.check(orders.get(r), rules.get(r)[0], rules.get(r)[1]);
            }
            for (int r = 0; r < rules.size(); r++) {
                installed += GaussHermiteRule.install(orders.get(r), rules.get(r)[0], rules.get(r)[1]) ? 1 : 0;
            }
        } catch (IllegalArgumentException invalid) {
            throw new IOException(invalid.getMessage(), invalid);
        }
        return installed;
    }
}
