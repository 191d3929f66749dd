package eu.stratuslab.template;

import java.util.Objects;

/** {@code NAME = value}. The value is never null (an empty attribute has the value {@code ""}). */
public final class SingleAttribute implements Attribute {

    private final String name;
    private String value;

    public SingleAttribute(String name, String value) {
        this.name = AttributeNames.normalize(name);
        this.value = value == null ? "" : value;
    }

    @Override
    public String name() {
        return name;
    }

    public String value() {
        return value;
    }

    public void setValue(String v) {
        this.value = v == null ? "" : v;
    }

    @Override
    public SingleAttribute copy() {
        return new SingleAttribute(name, value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SingleAttribute other && name.equals(other.name) && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, value);
    }

    @Override
    public String toString() {
        return name + " = " + TemplateText.quote(value);
    }
}
