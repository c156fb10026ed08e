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
 * their names, and the NTK's fluctuations as the observables of {@link NtkObservables}.
 */
final class StatisticsJson {

    private StatisticsJson() {}

    static String of(MetricStatistics s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("model", s.model());
        out.put("inputs", s.inputs());
        out.put("order", s.order());
        List<Map<String, Object>> layers = new ArrayList<>();
        for (MetricStatistics.Layer l : s.layers()) {
            Map<String, Object> layer = new LinkedHashMap<>();
            layer.put("layer", l.layer());
            for (Statistic statistic : s.statistics()) {
                if (statistic.kind() == Statistic.Kind.METRIC || statistic.kind() == Statistic.Kind.NTK_MEAN) {
                    layer.put(statistic.jsonKey(), l.tensor(statistic).nested());
                }
            }
            NtkObservables.of(l).forEach((key, tensor) -> layer.put(key, tensor.nested()));
            layers.add(layer);
        }
        out.put("layers", layers);
        try {
            return new ObjectMapper().writeValueAsString(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
