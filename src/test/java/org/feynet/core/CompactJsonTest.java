package org.feynet.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link CompactJson} writes what Jackson's default ObjectMapper writes (the independent reference), on random
 * nested values of every supported kind, and declines (empty) what it does not support.
 */
class CompactJsonTest {

    private static final ObjectMapper JACKSON = new ObjectMapper();

    @Test
    void randomValuesMatchJacksonCharacterForCharacter() throws Exception {
        SplittableRandom random = new SplittableRandom(20261201L);
        for (int trial = 0; trial < 2000; trial++) {
            Object value = randomValue(random, 0);
            assertEquals(JACKSON.writeValueAsString(value), CompactJson.write(value).orElseThrow(),
                    "trial " + trial);
        }
    }

    @Test
    void unsupportedValuesAreDeclined() {
        assertTrue(CompactJson.write(Double.NaN).isEmpty());
        assertTrue(CompactJson.write(new double[] {1.0, Double.POSITIVE_INFINITY}).isEmpty());
        assertTrue(CompactJson.write(Map.of("a\nb", 1)).isEmpty());
        assertTrue(CompactJson.write(List.of(1.5f)).isEmpty());
        assertTrue(CompactJson.write(Map.of(1, 2)).isEmpty());
    }

    private static Object randomValue(SplittableRandom random, int depth) {
        int kind = random.nextInt(depth >= 3 ? 6 : 10);
        return switch (kind) {
            case 0 -> null;
            case 1 -> randomString(random);
            case 2 -> random.nextInt();
            case 3 -> random.nextLong();
            case 4 -> randomDouble(random);
            case 5 -> random.nextBoolean();
            case 6 -> {
                double[] a = new double[random.nextInt(5)];
                for (int i = 0; i < a.length; i++) {
                    a[i] = randomDouble(random);
                }
                yield a;
            }
            case 7 -> {
                double[][][] a = new double[random.nextInt(3)][random.nextInt(3)][random.nextInt(3)];
                for (double[][] b : a) {
                    for (double[] c : b) {
                        for (int i = 0; i < c.length; i++) {
                            c[i] = randomDouble(random);
                        }
                    }
                }
                yield a;
            }
            case 8 -> {
                List<Object> list = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    list.add(randomValue(random, depth + 1));
                }
                yield random.nextBoolean() ? list : new int[] {random.nextInt(), -3, 0};
            }
            default -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    map.put(randomString(random), randomValue(random, depth + 1));
                }
                yield map;
            }
        };
    }

    /** Finite doubles over every scale, with exact integers, zeros of both signs and subnormals among them. */
    private static double randomDouble(SplittableRandom random) {
        return switch (random.nextInt(6)) {
            case 0 -> random.nextInt(-1000, 1000);
            case 1 -> random.nextBoolean() ? 0.0 : -0.0;
            case 2 -> Double.MIN_VALUE * random.nextInt(1, 1000);
            case 3 -> Double.longBitsToDouble(random.nextLong() & 0x7fefffffffffffffL) * (random.nextBoolean() ? 1 : -1);
            default -> random.nextGaussian() * Math.pow(10, random.nextInt(-20, 20));
        };
    }

    /** Printable ASCII (quotes and backslashes included) and a few non-ASCII characters. */
    private static String randomString(SplittableRandom random) {
        StringBuilder s = new StringBuilder();
        for (int i = random.nextInt(8); i > 0; i--) {
            s.append(random.nextInt(10) == 0 ? "\"\\\u00e9\u03c3\u2202".charAt(random.nextInt(5))
                    : (char) random.nextInt(0x20, 0x7f));
        }
        return s.toString();
    }
}
