package org.feynet.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hipparchus.util.CombinatoricsUtils;
import org.junit.jupiter.api.Test;

class CombinatoricsTest {

    @Test
    void factorialsAreExactBeyondTheLongRange() {
        assertEquals(BigInteger.ONE, Combinatorics.factorial(0));
        assertEquals(BigInteger.valueOf(3628800), Combinatorics.factorial(10));
        assertEquals(new BigInteger("2432902008176640000"), Combinatorics.factorial(20));
        assertEquals(new BigInteger("51090942171709440000"), Combinatorics.factorial(21));
        assertEquals(new BigInteger("30414093201713378043612608166064768844377641568960512000000000000"),
                Combinatorics.factorial(50));
        assertThrows(IllegalArgumentException.class, () -> Combinatorics.factorial(-1));
    }

    @Test
    void binomialsMatchPascalsTriangleInsideAndOutsideTheLongRange() {
        assertEquals(BigInteger.valueOf(10), Combinatorics.binomial(5, 2));
        assertEquals(BigInteger.ZERO, Combinatorics.binomial(5, 6));
        assertEquals(BigInteger.ZERO, Combinatorics.binomial(5, -1));
        assertEquals(new BigInteger("7219428434016265740"), Combinatorics.binomial(66, 33));
        assertEquals(new BigInteger("14226520737620288370"), Combinatorics.binomial(67, 33));
        for (int n = 60; n <= 80; n++) {
            for (int k = 1; k <= n; k++) {
                assertEquals(Combinatorics.binomial(n - 1, k - 1).add(Combinatorics.binomial(n - 1, k)),
                        Combinatorics.binomial(n, k), "C(" + n + "," + k + ")");
            }
        }
    }

    @Test
    void doubleFactorialsOfOddNumbersAreProductsOfOddNumbers() {
        assertEquals(BigInteger.ONE, Combinatorics.doubleFactorial(-1));
        assertEquals(BigInteger.ONE, Combinatorics.doubleFactorial(0));
        assertEquals(BigInteger.valueOf(15), Combinatorics.doubleFactorial(5));
        assertEquals(BigInteger.valueOf(48), Combinatorics.doubleFactorial(6));
        assertEquals(BigInteger.valueOf(2027025), Combinatorics.doubleFactorial(15));
    }

    @Test
    void setPartitionCountsAreTheBellNumbers() {
        List<Integer> bell = List.of(1, 1, 2, 5, 15, 52, 203, 877, 4140);
        for (int n = 0; n < bell.size(); n++) {
            assertEquals(bell.get(n), Combinatorics.setPartitions(n).size(), "Bell(" + n + ")");
            assertEquals(CombinatoricsUtils.bellNumber(n), Combinatorics.restrictedGrowthStrings(n).size());
        }
    }

    @Test
    void setPartitionsOfThreeComeInRestrictedGrowthOrder() {
        assertEquals(List.of(
                List.of(List.of(1, 2, 3)),
                List.of(List.of(1, 2), List.of(3)),
                List.of(List.of(1, 3), List.of(2)),
                List.of(List.of(1), List.of(2, 3)),
                List.of(List.of(1), List.of(2), List.of(3))), Combinatorics.setPartitions(3));
        assertEquals(List.of(List.of(List.of("a", "b")), List.of(List.of("a"), List.of("b"))),
                Combinatorics.setPartitions(List.of("a", "b")));
        assertArrayEquals(new int[] {0, 1, 0, 2}, Combinatorics.restrictedGrowthStrings(4).get(7));
        assertEquals(3, Combinatorics.blocks(new int[] {0, 1, 0, 2}));
    }

    @Test
    void everySetPartitionIsDistinctAndCoversAllElements() {
        List<List<List<Integer>>> all = Combinatorics.setPartitions(6);
        Set<Set<Set<Integer>>> distinct = new HashSet<>();
        for (List<List<Integer>> p : all) {
            Set<Set<Integer>> blocks = new HashSet<>();
            List<Integer> union = new ArrayList<>();
            for (List<Integer> b : p) {
                blocks.add(new HashSet<>(b));
                union.addAll(b);
            }
            assertEquals(List.of(1, 2, 3, 4, 5, 6), union.stream().sorted().toList());
            distinct.add(blocks);
        }
        assertEquals(203, distinct.size());
    }

    @Test
    void perfectMatchingsOf2kPointsNumberDoubleFactorial2kMinus1() {
        for (int k = 0; k <= 6; k++) {
            List<int[]> matchings = Combinatorics.perfectMatchings(2 * k);
            assertEquals(Combinatorics.doubleFactorial(2 * k - 1).intValueExact(), matchings.size(), "2k = " + 2 * k);
            Set<List<Integer>> distinct = new HashSet<>();
            for (int[] partner : matchings) {
                for (int i = 0; i < partner.length; i++) {
                    assertNotEquals(i, partner[i]);
                    assertEquals(i, partner[partner[i]]);
                }
                distinct.add(java.util.Arrays.stream(partner).boxed().toList());
            }
            assertEquals(matchings.size(), distinct.size());
        }
        assertEquals(List.of(), Combinatorics.perfectMatchings(5));
        assertArrayEquals(new int[] {1, 0, 3, 2}, Combinatorics.perfectMatchings(4).get(0));
        assertArrayEquals(new int[] {3, 2, 1, 0}, Combinatorics.perfectMatchings(4).get(2));
    }
}
