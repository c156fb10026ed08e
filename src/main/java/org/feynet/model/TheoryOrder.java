package org.feynet.model;

/**
 * The truncation of a theory series: {@code to order g^k} keeps total coupling degree at most k;
 * {@code to order 1/N^k} keeps powers N^-k and above, with the couplings truncated at {@code couplingOrder}.
 *
 * @param variable      the coupling g or the size N
 * @param power         k
 * @param inverseSize   whether the order is in 1/N
 * @param couplingOrder the total coupling degree kept (k itself for an order in a coupling)
 */
public record TheoryOrder(String variable, int power, boolean inverseSize, int couplingOrder) {

    /** The same order with a different coupling truncation (for orders in 1/N). */
    public TheoryOrder withCouplingOrder(int order) {
        return new TheoryOrder(variable, power, inverseSize, inverseSize ? order : couplingOrder);
    }

    @Override
    public String toString() {
        return inverseSize ? "1/" + variable + (power == 1 ? "" : "^" + power) : variable + "^" + power;
    }
}
