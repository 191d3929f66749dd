package eu.stratuslab.template;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code NAME = [ KEY = value, ... ]}. Keys are normalised like names and kept in insertion order;
 * the XML form sorts them.
 */
public final class VectorAttribute implements Attribute {

    private final String name;
    private final LinkedHashMap<String, String> values;

    public VectorAttribute(String name) {
        this.name = AttributeNames.normalize(name);
        this.values = new LinkedHashMap<>();
    }

    @Override
    public String name() {
        return name;
    }

    /** The live key/value map. Callers that put into it directly must use normalised keys. */
    public LinkedHashMap<String, String> values() {
        return values;
    }

    /** The value of {@code key} (any case), or null when absent. */
    public String get(String key) {
        return values.get(AttributeNames.normalize(key));
    }

    /** Sets {@code key} (normalised) to {@code value}, replacing an existing value. */
    public void put(String key, String value) {
        values.put(AttributeNames.normalize(key), value == null ? "" : value);
    }

    /** Adds {@code key} only when absent: a repeated key inside one vector keeps its first value. */
    public boolean putIfAbsent(String key, String value) {
        return values.putIfAbsent(AttributeNames.normalize(key), value == null ? "" : value) == null;
    }

    public void remove(String key) {
        values.remove(AttributeNames.normalize(key));
    }

    @Override
    public VectorAttribute copy() {
        VectorAttribute copy = new VectorAttribute(name);
        copy.values.putAll(values);
        return copy;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VectorAttribute other && name.equals(other.name) && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + values.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(name).append(" = [ ");
        boolean first = true;
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (!first) {
                sb.append(", ");
            }
            first = false;
            sb.append(e.getKey()).append(" = ").append(TemplateText.quote(e.getValue()));
        }
        return sb.append(" ]").toString();
    }
}
