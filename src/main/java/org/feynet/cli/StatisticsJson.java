package org.feynet.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.feynet.model.Statistic;
import org.feynet.numerics.MetricStatistics;
import org.feynet.numerics.NtkObservables;

/**
 * The {@code eval --json} document of docs/OUTPUTS.md: per layer, every metric statistic and the mean NTK under
 * their names (with the dNTK's P, Q and the ddNTK's R, S, T, U), and the NTK's fluctuations as the observables of {@link NtkObservables}.
 */
final class StatisticsJson {

    private StatisticsJson() {}

    /**
     * Whether a statistic appears under its own name: the metric's, the mean NTK's, and the dNTK's and ddNTK's
     * (P, Q, R, S, T, U); the NTK's fluctuations appear as the observables of {@link NtkObservables} instead.
     */
    private static boolean ownKey(Statistic statistic) {
        return switch (statistic.kind()) {
            case METRIC, NTK_MEAN, DNTK_P, DNTK_Q, DDNTK_R, DDNTK_S, DDNTK_T, DDNTK_U -> true;
            case NTK_METRIC, NTK_NTK, NTK_OFF_METRIC, NTK_OFF -> false;
        };
    }

    /** One layer's statistics under their keys, as in the entries of "layers" (without "layer"). */
    static Map<String, Object> layer(MetricStatistics s, MetricStatistics.Layer l) {
        Map<String, Object> layer = new LinkedHashMap<>();
        for (Statistic statistic : s.statistics()) {
            if (ownKey(statistic)) {
                layer.put(statistic.jsonKey(), l.tensor(statistic).nested());
            }
        }
        NtkObservables.of(l).forEach((key, tensor) -> layer.put(key, tensor.nested()));
        return layer;
    }

    static String of(MetricStatistics s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("model", s.model());
        out.put("inputs", s.inputs());
        out.put("order", s.order());
        List<Map<String, Object>> layers = new ArrayList<>();
        for (MetricStatistics.Layer l : s.layers()) {
            Map<String, Object> layer = new LinkedHashMap<>();
            layer.put("layer", l.layer());
            layer.putAll(layer(s, l));
            layers.add(layer);
        }
        out.put("layers", layers);
        java.util.Optional<String> compact = org.feynet.core.CompactJson.write(out);
        if (compact.isPresent()) {
            return compact.get(); // the same text, without building an ObjectMapper (see CompactJson)
        }
        try {
            return new ObjectMapper().writeValueAsString(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
