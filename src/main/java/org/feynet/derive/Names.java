package org.feynet.derive;

import java.util.List;

/** Naming conventions shared by the derivation: sample indices. */
final class Names {

    private Names() {}

    /** The two sample indices of external leg i (from 1): a_i, b_i. */
    static String externalFirst(int leg) {
        return "a" + leg;
    }

    static String externalSecond(int leg) {
        return "b" + leg;
    }

    /** The two summed sample indices of derivative leg j (from 1): c_j, d_j. */
    static String dummyFirst(int leg) {
        return "c" + leg;
    }

    static String dummySecond(int leg) {
        return "d" + leg;
    }

    /** Orders index names by leg number then letter: a1 b1 a2 b2 ... a10 b10, c1 d1 c2 d2. */
    static int compareIndex(String x, String y) {
        int c = Integer.compare(Integer.parseInt(x.substring(1)), Integer.parseInt(y.substring(1)));
        return c != 0 ? c : Character.compare(x.charAt(0), y.charAt(0));
    }

    static int compareLists(List<String> x, List<String> y) {
        for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
            int c = compareIndex(x.get(i), y.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.size(), y.size());
    }
}
