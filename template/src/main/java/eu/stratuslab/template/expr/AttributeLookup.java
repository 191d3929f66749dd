package eu.stratuslab.template.expr;

/**
 * Host attributes seen by REQUIREMENTS and RANK (template.md §7). The scheduler implements it over
 * a host's TEMPLATE, HOST_SHARE and top-level elements, in that order.
 */
@FunctionalInterface
public interface AttributeLookup {

    /** The attribute's text, or null when the host has no such attribute. */
    String get(String name);

    /**
     * The attribute read as a floating-point number the way OpenNebula reads it (C++ stream
     * extraction: the longest numeric prefix; 0 when missing or not numeric). Implementations
     * with pre-parsed numbers may override it to avoid re-parsing.
     */
    default double getDouble(String name) {
        return NumberText.leadingDouble(get(name));
    }

    /** The attribute read as an integer (longest integer prefix; 0 when missing or not numeric). */
    default long getLong(String name) {
        return NumberText.leadingLong(get(name));
    }
}
