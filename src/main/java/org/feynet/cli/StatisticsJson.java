package org.feynet.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.feynet.numerics.MetricStatistics;

/** The {@code eval --json} document of SPEC section 6. */
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
            layer.put("K0", l.k0());
            putIfPresent(layer, "K1", l.k1());
            putIfPresent(layer, "K2", l.k2());
            putIfPresent(layer, "V4", l.v4());
            putIfPresent(layer, "V4_1", l.v4_1());
            putIfPresent(layer, "T6", l.t6());
            layers.add(layer);
        }
        out.put("layers", layers);
        try {
            return new ObjectMapper().writeValueAsString(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void putIfPresent(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
