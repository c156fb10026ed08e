package org.feynet.lang;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.feynet.model.InputSpec;

class GramPropertiesTest {

    @Property(tries = 100)
    void everyMatrixOfInnerProductsIsAcceptedAsWritten(
            @ForAll @Size(min = 1, max = 4) List<@Size(3) List<@DoubleRange(min = -3, max = 3) Double>> vectors) {
        double[][] gram = innerProducts(vectors);
        InputSpec.Gram input = (InputSpec.Gram) Sources.network(withGram(gram)).input();
        assertArrayEquals(gram, input.metric());
    }

    @Property(tries = 100)
    void anOffDiagonalEntryBeyondCauchySchwarzIsRejected(
            @ForAll @DoubleRange(min = 0.1, max = 3) double a, @ForAll @DoubleRange(min = 0.1, max = 3) double b,
            @ForAll @DoubleRange(min = 1.01, max = 3) double excess) {
        double[][] gram = {{a, excess * Math.sqrt(a * b)}, {excess * Math.sqrt(a * b), b}};
        assertThrows(SourceError.class, () -> Sources.network(withGram(gram)));
    }

    private static double[][] innerProducts(List<List<Double>> vectors) {
        int p = vectors.size();
        double[][] gram = new double[p][p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                for (int k = 0; k < vectors.get(i).size(); k++) {
                    gram[i][j] += vectors.get(i).get(k) * vectors.get(j).get(k);
                }
            }
        }
        return gram;
    }

    private static String withGram(double[][] gram) {
        List<String> rows = new ArrayList<>();
        for (double[] row : gram) {
            List<String> entries = new ArrayList<>();
            for (double entry : row) {
                entries.add(Double.toString(entry));
            }
            rows.add("[" + String.join(", ", entries) + "]");
        }
        return Sources.mlpWith("[[1.0, 0.5], [0.5, 0.8]]", "[" + String.join(", ", rows) + "]");
    }
}
