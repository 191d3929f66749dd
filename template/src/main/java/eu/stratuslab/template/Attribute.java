package eu.stratuslab.template;

/**
 * One template attribute: either a single {@code NAME = value} or a vector {@code NAME = [ K = v, ... ]}.
 * Names are always stored in their normalised form (see {@link AttributeNames#normalize(String)}).
 */
public sealed interface Attribute permits SingleAttribute, VectorAttribute {

    /** The normalised (upper-case) attribute name. */
    String name();

    /** A deep copy of this attribute. */
    Attribute copy();
}
