package eu.stratuslab.core.pool;

import eu.stratuslab.template.Attribute;
import eu.stratuslab.template.SingleAttribute;
import eu.stratuslab.template.Template;
import eu.stratuslab.template.VectorAttribute;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stored form of a template inside a JSON body: a list of {@code {"n":name,"v":value}} and
 * {@code {"n":name,"m":{key:value}}} entries in template order. Storing the structure (and not the
 * text form) means a stored template never has to be re-parsed, so it can never fail to load.
 */
public final class TemplateJson {
    private TemplateJson() {
    }

    public static List<Map<String, Object>> toJson(Template t) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (t == null) {
            return out;
        }
        for (Attribute a : t.attributes()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("n", a.name());
            if (a instanceof SingleAttribute s) {
                e.put("v", s.value());
            } else if (a instanceof VectorAttribute v) {
                e.put("m", new LinkedHashMap<>(v.values()));
            }
            out.add(e);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    public static Template fromJson(List<Map<String, Object>> entries) {
        Template t = new Template();
        if (entries == null) {
            return t;
        }
        for (Map<String, Object> e : entries) {
            String name = String.valueOf(e.get("n"));
            Object m = e.get("m");
            if (m instanceof Map<?, ?> map) {
                VectorAttribute v = new VectorAttribute(name);
                ((Map<String, Object>) map).forEach((k, val) -> v.put(k, val == null ? "" : String.valueOf(val)));
                t.add(v);
            } else {
                Object v = e.get("v");
                t.add(new SingleAttribute(name, v == null ? "" : String.valueOf(v)));
            }
        }
        return t;
    }
}
