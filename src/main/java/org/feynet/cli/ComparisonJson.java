package org.feynet.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.feynet.sampling.ComparisonResult;
import org.feynet.sampling.ComponentComparison;
import org.feynet.sampling.WidthSeriesFit;

/**
 * The {@code compare --json} document (docs/OUTPUTS.md): the run's settings, the largest pull and where it is, and
 * for every layer 2..L and independent component the theory's coefficients, the fitted ones with errors and pulls,
 * the correction with the leading term fixed by theory, and the sampled value per width. Coefficients the theory does
 * not give, and their pulls, are null; sample indices are 0-based, labels 1-based as in the table.
 */
final class ComparisonJson {

    private ComparisonJson() {}

    static String of(ComparisonResult result) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("model", result.model());
        out.put("order", result.order());
        out.put("widths", result.widths());
        out.put("networks", result.networksPerWidth());
        out.put("seed", result.seed());
        out.put("indices", "0-based; labels are 1-based as in the table");
        ComparisonResult.LargestPull largest = result.largestPull();
        Map<String, Object> worst = new LinkedHashMap<>();
        worst.put("layer", largest.component().layer());
        worst.put("kind", largest.component().kind().jsonKey());
        worst.put("label", largest.component().label());
        worst.put("coefficient", largest.pull().coefficient());
        worst.put("pull", number(largest.pull().value()));
        out.put("largest_pull", worst);
        out.put("plot", result.plot() == null ? null : result.plot().toString());
        out.put("plot_layer", result.layer());
        out.put("plotted", result.plotted());
        List<Map<String, Object>> components = new ArrayList<>();
        result.components().forEach(c -> components.add(component(c)));
        out.put("components", components);
        try {
            return new ObjectMapper().writeValueAsString(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> component(ComponentComparison c) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("layer", c.layer());
        out.put("kind", c.kind().jsonKey());
        out.put("label", c.label());
        out.put("indices", c.indices());
        Map<String, Object> theory = new LinkedHashMap<>();
        for (int k = 0; k < c.theory().length; k++) {
            theory.put(c.theoryName(k), number(c.theory()[k]));
        }
        out.put("theory", theory);
        WidthSeriesFit fit = c.fit();
        Map<String, Object> fitted = new LinkedHashMap<>();
        for (int k = 0; k < fit.coefficients().length; k++) {
            fitted.put(c.fitName(k), estimate(fit.coefficients()[k], fit.errors()[k], c.pulls()[k]));
        }
        out.put("fit", fitted);
        out.put("chi2_dof", number(fit.chiSquarePerDof()));
        Map<String, Object> correction = estimate(c.correction().coefficients()[0], c.correction().errors()[0],
                c.correctionPull());
        correction.put("name", c.correctionName());
        out.put("correction", correction);
        out.put("sampled", numbers(c.sampled()));
        out.put("sampled_error", numbers(c.errors()));
        return out;
    }

    private static Map<String, Object> estimate(double value, double error, double pull) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("value", number(value));
        out.put("error", number(error));
        out.put("pull", number(pull));
        return out;
    }

    /** A finite number, or null (JSON has no NaN). */
    private static Double number(double x) {
        return Double.isFinite(x) ? x : null;
    }

    private static List<Double> numbers(double[] xs) {
        List<Double> out = new ArrayList<>();
        for (double x : xs) {
            out.add(number(x));
        }
        return out;
    }
}
