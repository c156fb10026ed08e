package org.feynet.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import org.hipparchus.fraction.BigFraction;
import org.junit.jupiter.api.Test;

class FractionsTest {

    @Test
    void bigFractionsAreReducedSoEqualityAndHashingFollowTheValue() {
        BigFraction half = new BigFraction(1, 2);
        BigFraction same = new BigFraction(BigInteger.valueOf(-3), BigInteger.valueOf(-6));
        assertEquals(half, same);
        assertEquals(half.hashCode(), same.hashCode());
        assertEquals(BigInteger.ONE, same.getNumerator());
        assertEquals(BigInteger.TWO, same.getDenominator());
        assertEquals(BigFraction.ONE, new BigFraction(1, 3).add(new BigFraction(2, 3)));
        assertEquals(new BigFraction(1, 8), half.multiply(new BigFraction(1, 4)));
        assertEquals(BigFraction.ZERO, new BigFraction(0, -7));
        assertNotEquals(half, half.negate());
        Map<BigFraction, String> map = new HashMap<>();
        map.put(new BigFraction(2, 4), "half");
        assertEquals("half", map.get(half));
    }

    @Test
    void textIsNumeratorSlashDenominatorOrTheInteger() {
        assertEquals("1/2", Fractions.text(new BigFraction(2, 4)));
        assertEquals("-1/2", Fractions.text(new BigFraction(3, -6)));
        assertEquals("3", Fractions.text(new BigFraction(6, 2)));
        assertEquals("0", Fractions.text(BigFraction.ZERO));
        assertEquals("1 / 2", new BigFraction(1, 2).toString(), "why the helper exists");
    }

    @Test
    void latexIsAFracWithTheSignInFront() {
        assertEquals("\\frac{1}{24}", Fractions.latex(new BigFraction(1, 24)));
        assertEquals("-\\frac{35}{384}", Fractions.latex(new BigFraction(-35, 384)));
        assertEquals("-4", Fractions.latex(new BigFraction(-4)));
    }
}
