package org.feynet.derive;

import java.util.ArrayList;
import java.util.List;

/**
 * One equation of a residual closure's per-layer algebra in index notation (docs/METHOD.md, "Generated residual
 * evaluators"): {@code target[slots] = sum of terms} (or {@code +=}), each term a rational coefficient times powers of
 * eps_l^2 and Cw, an optional Cb, and a product of tensor entries; an index that is not among the target's is summed
 * over its range. The equation prints as it reads ({@link #plain}) and {@link #parse} reads that text back.
 *
 * @param target     the tensor entry assigned, for every value of its indices
 * @param accumulate whether the terms add to the entry ({@code +=}) instead of replacing it
 * @param terms      the summands
 */
public record TensorEquation(Factor target, boolean accumulate, List<Term> terms) {

    public TensorEquation {
        terms = List.copyOf(terms);
        if (terms.isEmpty()) {
            throw new IllegalArgumentException("an equation needs a term");
        }
    }

    /**
     * One index position of a tensor entry: an index letter, or ns + the letter (the same pair of samples in the
     * metric block sigma_a sigma_b of the state, which follows the ns entries z_a z_b).
     */
    public record Slot(char index, boolean shifted) {
        String plain() {
            return shifted ? "ns+" + index : String.valueOf(index);
        }
    }

    /** A tensor entry {@code name[slots]}; the name {@value #DELTA} is the Kronecker delta of its two slots. */
    public record Factor(String tensor, List<Slot> slots) {
        public static final String DELTA = "delta";

        public Factor {
            slots = List.copyOf(slots);
        }

        public String plain() {
            return tensor + "[" + String.join(",", slots.stream().map(Slot::plain).toList()) + "]";
        }
    }

    /**
     * numerator/denominator * (eps_l^2)^eps2 * Cw^cw * (Cb if cb) * the product of the factors.
     */
    public record Term(long numerator, long denominator, int eps2, int cw, boolean cb, List<Factor> factors) {
        public Term {
            factors = List.copyOf(factors);
            if (denominator <= 0 || numerator == 0) {
                throw new IllegalArgumentException("bad coefficient " + numerator + "/" + denominator);
            }
        }

        /** The term without its sign. */
        String plainMagnitude() {
            List<String> parts = new ArrayList<>();
            long p = Math.abs(numerator);
            if (p != 1 || denominator != 1) {
                parts.add(denominator == 1 ? String.valueOf(p) : "(" + p + "/" + denominator + ")");
            }
            if (eps2 > 0) {
                parts.add("eps^" + 2 * eps2);
            }
            if (cw > 0) {
                parts.add(cw == 1 ? "Cw" : "Cw^" + cw);
            }
            if (cb) {
                parts.add("Cb");
            }
            factors.forEach(f -> parts.add(f.plain()));
            return parts.isEmpty() ? "1" : String.join(" ", parts);
        }
    }

    /** The indices of the target, in order. */
    public List<Character> targetIndices() {
        return target.slots().stream().map(Slot::index).toList();
    }

    /** The indices of a term that the target does not have (summed), in order of first appearance. */
    public List<Character> summed(Term term) {
        List<Character> out = new ArrayList<>();
        for (Factor f : term.factors()) {
            for (Slot s : f.slots()) {
                if (!targetIndices().contains(s.index()) && !out.contains(s.index())) {
                    out.add(s.index());
                }
            }
        }
        return out;
    }

    /** The equation as text: {@code A[i,ns+s] += (1/2) eps^2 Cw Hn[i,s]}. */
    public String plain() {
        StringBuilder s = new StringBuilder(target.plain()).append(accumulate ? " += " : " = ");
        for (int i = 0; i < terms.size(); i++) {
            Term t = terms.get(i);
            if (i == 0) {
                s.append(t.numerator() < 0 ? "-" : "");
            } else {
                s.append(t.numerator() < 0 ? " - " : " + ");
            }
            s.append(t.plainMagnitude());
        }
        return s.toString();
    }

    /** Reads the text {@link #plain} writes. */
    public static TensorEquation parse(String text) {
        boolean accumulate = text.contains(" += ");
        String[] sides = text.split(accumulate ? " \\+= " : " = ", 2);
        if (sides.length != 2) {
            throw new IllegalArgumentException("not an equation: " + text);
        }
        List<Term> terms = new ArrayList<>();
        String rest = sides[1].trim();
        int sign = 1;
        if (rest.startsWith("-")) {
            sign = -1;
            rest = rest.substring(1);
        }
        String[] pieces = rest.split(" (?=[+-] )");
        for (String piece : pieces) {
            String p = piece.trim();
            if (p.startsWith("+ ") || p.startsWith("- ")) {
                sign = p.charAt(0) == '-' ? -1 : 1;
                p = p.substring(2);
            }
            terms.add(term(sign, p));
            sign = 1;
        }
        return new TensorEquation(factor(sides[0].trim()), accumulate, terms);
    }

    private static Term term(int sign, String text) {
        long p = 1;
        long q = 1;
        int eps2 = 0;
        int cw = 0;
        boolean cb = false;
        List<Factor> factors = new ArrayList<>();
        for (String token : text.split(" ")) {
            if (token.matches("\\(\\d+/\\d+\\)")) {
                String[] pq = token.substring(1, token.length() - 1).split("/");
                p = Long.parseLong(pq[0]);
                q = Long.parseLong(pq[1]);
            } else if (token.matches("\\d+")) {
                p = Long.parseLong(token);
            } else if (token.matches("eps\\^\\d+")) {
                eps2 += Integer.parseInt(token.substring(4)) / 2;
            } else if (token.equals("Cw")) {
                cw += 1;
            } else if (token.matches("Cw\\^\\d+")) {
                cw += Integer.parseInt(token.substring(3));
            } else if (token.equals("Cb")) {
                cb = true;
            } else {
                factors.add(factor(token));
            }
        }
        return new Term(sign * p, q, eps2, cw, cb, factors);
    }

    /** Reads one tensor entry, {@code name[i,ns+s]}. */
    static Factor factor(String text) {
        int open = text.indexOf('[');
        if (open < 1 || !text.endsWith("]")) {
            throw new IllegalArgumentException("not a tensor entry: " + text);
        }
        List<Slot> slots = new ArrayList<>();
        for (String s : text.substring(open + 1, text.length() - 1).split(",")) {
            boolean shifted = s.startsWith("ns+");
            String index = shifted ? s.substring(3) : s;
            if (index.length() != 1 || !Character.isLetter(index.charAt(0))) {
                throw new IllegalArgumentException("not an index: " + s + " in " + text);
            }
            slots.add(new Slot(index.charAt(0), shifted));
        }
        return new Factor(text.substring(0, open), slots);
    }
}
