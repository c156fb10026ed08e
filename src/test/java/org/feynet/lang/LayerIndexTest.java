package org.feynet.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LayerIndexTest {

    /** equals and hashCode are written out (start-up, docs/BENCHMARKS.md): they must still be the components'. */
    @Test
    void equalityIsThatOfTheComponents() {
        for (boolean v1 : new boolean[] {false, true}) {
            for (int o1 = -3; o1 <= 3; o1++) {
                LayerIndex a = new LayerIndex(v1, o1);
                assertEquals(a, new LayerIndex(v1, o1));
                assertEquals(a.hashCode(), new LayerIndex(v1, o1).hashCode());
                assertEquals(a, a.shift(2).shift(-2));
                assertEquals(false, a.equals(null));
                assertEquals(false, a.equals(o1));
                for (boolean v2 : new boolean[] {false, true}) {
                    for (int o2 = -3; o2 <= 3; o2++) {
                        assertEquals(v1 == v2 && o1 == o2, a.equals(new LayerIndex(v2, o2)), a + " " + v2 + " " + o2);
                    }
                }
            }
        }
    }
}
