package org.feynet.theory;

/**
 * The canonicity test of {@link OrderlyGenerator}: is a (partial) multiplicity matrix lexicographically maximal
 * among the relabellings of its positions that preserve vertex kinds, and how many relabellings reproduce it?
 *
 * <p><b>Order.</b> A matrix is read row by row over its upper triangle, the diagonal first in each row:
 * {@code m[0][0], m[0][1], ..., m[0][n-1], m[1][1], ...}; each entry is the vector of multiplicities per field,
 * compared lexicographically (encoded as one int, base {@value #BASE}).
 *
 * <p><b>Method.</b> Backtracking over relabellings with ordered-partition refinement (in the manner of
 * McKay's "Practical graph isomorphism", Congr. Numer. 30 (1981) 45, without the invariants): position r of
 * the relabelled matrix is given, in turn, each vertex of the first cell of the ordered partition of the
 * unplaced vertices; row r of the relabelled matrix is then fixed up to the order inside cells, and the order
 * that maximises it sorts each cell by decreasing entry. A larger row proves the input is not maximal; a
 * smaller one abandons the branch; an equal one refines the cells by that row and goes on. When only the rows
 * of positions {@code 0..limit} are final (generation in progress), only those positions are placed, and only
 * with final vertices: a larger prefix still proves that no completion is maximal.
 *
 * <p>On a complete maximal matrix the leaves reached are exactly its automorphisms, so the count is
 * |Aut_V|. <b>Complexity:</b> O(|Aut_V| n^2) on a maximal matrix, worse (exponential in the worst case) on
 * matrices with many near-symmetries.
 */
final class CanonicalSearch {

    static final int BASE = 32;

    private final int n;
    private final int[][] code;
    private final int limit;
    private boolean larger;
    private long leaves;

    private CanonicalSearch(int[][] code, int limit) {
        this.n = code.length;
        this.code = code;
        this.limit = limit;
    }

    /**
     * Tests the matrix whose rows {@code 0..limit} are final.
     *
     * @param code  code[u][v], symmetric, entries of rows 0..limit final
     * @param cells the initial ordered partition: the positions of each kind, kinds in position order
     * @return -1 if some relabelling gives a larger prefix, else the number of relabellings that reproduce it
     *     (|Aut_V| when {@code limit == n-1})
     */
    static long test(int[][] code, int[][] cells, int limit) {
        CanonicalSearch s = new CanonicalSearch(code, limit);
        s.place(0, cells);
        return s.larger ? -1 : s.leaves;
    }

    private void place(int r, int[][] cells) {
        if (r > limit) {
            leaves++;
            return;
        }
        int[] first = cells[0];
        int[] row = new int[n - r - 1];
        for (int candidate : first) {
            if (candidate > limit) {
                continue;
            }
            int cmp = Integer.compare(code[candidate][candidate], code[r][r]);
            int filled = 0;
            if (cmp == 0) {
                // row r after the diagonal: cells in order, each sorted by decreasing entry
                outer:
                for (int c = 0; c < cells.length; c++) {
                    int start = filled;
                    for (int w : cells[c]) {
                        if (w != candidate) {
                            row[filled++] = code[candidate][w];
                        }
                    }
                    sortDescending(row, start, filled);
                    for (int k = start; k < filled; k++) {
                        cmp = Integer.compare(row[k], code[r][r + 1 + k]);
                        if (cmp != 0) {
                            break outer;
                        }
                    }
                }
            }
            if (cmp > 0) {
                larger = true;
                return;
            }
            if (cmp < 0) {
                continue;
            }
            place(r + 1, refine(cells, candidate));
            if (larger) {
                return;
            }
        }
    }

    /** The cells without {@code v}, each split by decreasing code[v][w]. */
    private int[][] refine(int[][] cells, int v) {
        java.util.List<int[]> out = new java.util.ArrayList<>();
        for (int[] cell : cells) {
            int[] rest = new int[cell.length];
            int k = 0;
            for (int w : cell) {
                if (w != v) {
                    rest[k++] = w;
                }
            }
            if (k == 0) {
                continue;
            }
            rest = java.util.Arrays.copyOf(rest, k);
            // stable sort by decreasing entry, then split runs of equal entries
            Integer[] boxed = new Integer[k];
            for (int i = 0; i < k; i++) {
                boxed[i] = rest[i];
            }
            java.util.Arrays.sort(boxed, (a, b) -> Integer.compare(code[v][b], code[v][a]));
            int start = 0;
            for (int i = 1; i <= k; i++) {
                if (i == k || code[v][boxed[i]] != code[v][boxed[start]]) {
                    int[] part = new int[i - start];
                    for (int j = start; j < i; j++) {
                        part[j - start] = boxed[j];
                    }
                    out.add(part);
                    start = i;
                }
            }
        }
        return out.toArray(new int[0][]);
    }

    private static void sortDescending(int[] a, int from, int to) {
        for (int i = from + 1; i < to; i++) {
            int x = a[i];
            int j = i - 1;
            while (j >= from && a[j] < x) {
                a[j + 1] = a[j];
                j--;
            }
            a[j + 1] = x;
        }
    }
}
