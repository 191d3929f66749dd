package eu.stratuslab.template;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * An OpenNebula template: an ordered list of attributes in which a name may repeat (several DISK,
 * several NIC). Mutable and not thread-safe; callers that share a template must copy it.
 */
public final class Template {

    private final ArrayList<Attribute> attributes;

    public Template() {
        this.attributes = new ArrayList<>();
    }

    private Template(int capacity) {
        this.attributes = new ArrayList<>(capacity);
    }

    /** The live, ordered attribute list (document order, not the sorted XML order). */
    public List<Attribute> attributes() {
        return attributes;
    }

    /** A deep copy: changing the copy never changes this template. */
    public Template copy() {
        Template copy = new Template(attributes.size());
        for (Attribute a : attributes) {
            copy.attributes.add(a.copy());
        }
        return copy;
    }

    /** Every attribute called {@code name} (any case), in order. */
    public List<Attribute> getAll(String name) {
        String n = AttributeNames.normalize(name);
        List<Attribute> out = new ArrayList<>(2);
        for (Attribute a : attributes) {
            if (a.name().equals(n)) {
                out.add(a);
            }
        }
        return out;
    }

    /** The value of the first single attribute called {@code name}, or null. */
    public String getString(String name) {
        String n = AttributeNames.normalize(name);
        for (Attribute a : attributes) {
            if (a instanceof SingleAttribute s && s.name().equals(n)) {
                return s.value();
            }
        }
        return null;
    }

    /** The first vector attribute called {@code name}, or null. */
    public VectorAttribute firstVector(String name) {
        String n = AttributeNames.normalize(name);
        for (Attribute a : attributes) {
            if (a instanceof VectorAttribute v && v.name().equals(n)) {
                return v;
            }
        }
        return null;
    }

    /** Every vector attribute called {@code name}, in order. */
    public List<VectorAttribute> vectors(String name) {
        String n = AttributeNames.normalize(name);
        List<VectorAttribute> out = new ArrayList<>(4);
        for (Attribute a : attributes) {
            if (a instanceof VectorAttribute v && v.name().equals(n)) {
                out.add(v);
            }
        }
        return out;
    }

    /** Replaces the value of the first single attribute called {@code name}, or appends a new one. */
    public void set(String name, String value) {
        String n = AttributeNames.normalize(name);
        for (Attribute a : attributes) {
            if (a instanceof SingleAttribute s && s.name().equals(n)) {
                s.setValue(value);
                return;
            }
        }
        attributes.add(new SingleAttribute(n, value));
    }

    /** Appends {@code a} after every existing attribute. */
    public void add(Attribute a) {
        if (a == null) {
            throw new IllegalArgumentException("attribute must not be null");
        }
        attributes.add(a);
    }

    /** Removes every attribute called {@code name} (single or vector). */
    public void remove(String name) {
        String n = AttributeNames.normalize(name);
        Iterator<Attribute> it = attributes.iterator();
        while (it.hasNext()) {
            if (it.next().name().equals(n)) {
                it.remove();
            }
        }
    }

    public boolean contains(String name) {
        String n = AttributeNames.normalize(name);
        for (Attribute a : attributes) {
            if (a.name().equals(n)) {
                return true;
            }
        }
        return false;
    }

    public int size() {
        return attributes.size();
    }

    public boolean isEmpty() {
        return attributes.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Template other && attributes.equals(other.attributes);
    }

    @Override
    public int hashCode() {
        return attributes.hashCode();
    }

    /** The text form ({@link TemplateText#write(Template)}). */
    @Override
    public String toString() {
        return TemplateText.write(this);
    }
}
