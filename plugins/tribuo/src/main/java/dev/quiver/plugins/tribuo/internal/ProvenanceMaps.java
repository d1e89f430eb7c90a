package dev.quiver.plugins.tribuo.internal;

import com.oracle.labs.mlrg.olcut.provenance.ListProvenance;
import com.oracle.labs.mlrg.olcut.provenance.MapProvenance;
import com.oracle.labs.mlrg.olcut.provenance.ObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.PrimitiveProvenance;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.util.Pair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tribuo provenance (trainer configuration, dataset description, versions) as the JSON-friendly maps, lists,
 * strings, numbers and booleans that {@code quiver inspect} prints. Stateless.
 */
public final class ProvenanceMaps {

    private ProvenanceMaps() {}

    /** An object provenance as a map: its class under {@code class}, then its fields in order. */
    public static Map<String, Object> of(ObjectProvenance provenance) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("class", provenance.getClassName());
        for (Pair<String, Provenance> entry : provenance) {
            if (!entry.getA().equals(ObjectProvenance.CLASS_NAME)) {
                map.put(entry.getA(), value(entry.getB()));
            }
        }
        return map;
    }

    private static Object value(Provenance p) {
        if (p instanceof ObjectProvenance o) {
            return of(o);
        }
        if (p instanceof ListProvenance<?> l) {
            List<Object> list = new ArrayList<>();
            l.getList().forEach(item -> list.add(value(item)));
            return list;
        }
        if (p instanceof MapProvenance<?> m) {
            Map<String, Object> map = new LinkedHashMap<>();
            m.getMap().forEach((k, v) -> map.put(k, value(v)));
            return map;
        }
        if (p instanceof PrimitiveProvenance<?> primitive) {
            Object v = primitive.getValue();
            return v instanceof Number || v instanceof Boolean || v instanceof String ? v : String.valueOf(v);
        }
        return String.valueOf(p);
    }
}
