package org.feynet.derive;

/**
 * Symja's TeX form rewritten as a physicist writes it: products by juxtaposition ({@code 2 K_{ab}},
 * {@code K_{aa} K_{bb}}, {@code 2 \pi}), keeping {@code \cdot} only between two numbers, and no parentheses around the
 * whole argument of a square root ({@code \sqrt{K_{aa} K_{bb}}}); {@code \text{erf}} becomes an operator name. The
 * rewriting changes only typography: every product and grouping keeps its meaning.
 */
final class PhysicistTex {

    private static final String SQRT = "\\sqrt{";
    private static final String LEFT = "\\left(";
    private static final String RIGHT = "\\right)";

    private PhysicistTex() {}

    static String of(String tex) {
        String s = unwrapRoots(tex);
        s = s.replaceAll("\\s*\\\\cdot\\s*+(?![0-9.])", " ");
        s = s.replaceAll("\\\\text\\{(erf|erfc|sgn|sech|csch)\\}", "\\\\operatorname{$1}");
        return s.replaceAll("\\s+\\}", "}").replaceAll("  +", " ");
    }

    /** {@code \sqrt{\left( X\right) }} becomes {@code \sqrt{X}} when the parentheses span the whole argument. */
    private static String unwrapRoots(String tex) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (true) {
            int at = tex.indexOf(SQRT, i);
            if (at < 0) {
                return out.append(tex, i, tex.length()).toString();
            }
            int open = at + SQRT.length();
            int close = matchingBrace(tex, open);
            if (close < 0) {
                return out.append(tex, i, tex.length()).toString();
            }
            String inner = unwrapRoots(tex.substring(open, close)).strip();
            if (inner.startsWith(LEFT) && inner.endsWith(RIGHT) && spansWhole(inner)) {
                inner = inner.substring(LEFT.length(), inner.length() - RIGHT.length()).strip();
            }
            out.append(tex, i, at).append(SQRT).append(inner).append('}');
            i = close + 1;
        }
    }

    /** The index of the brace closing the group that starts at {@code from}, or -1. */
    private static int matchingBrace(String s, int from) {
        int depth = 1;
        for (int j = from; j < s.length(); j++) {
            char c = s.charAt(j);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return j;
            }
        }
        return -1;
    }

    /** The first {@code \left(} of {@code s} is closed by its last {@code \right)}. */
    private static boolean spansWhole(String s) {
        int depth = 0;
        for (int j = 0; j < s.length(); j++) {
            if (s.startsWith(LEFT, j)) {
                depth++;
            } else if (s.startsWith(RIGHT, j)) {
                depth--;
                if (depth == 0 && j + RIGHT.length() < s.length()) {
                    return false;
                }
            }
        }
        return depth == 0;
    }
}
