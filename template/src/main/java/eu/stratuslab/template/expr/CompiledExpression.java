package eu.stratuslab.template.expr;

/** What RANK and REQUIREMENTS share once compiled: the text they came from and their tree. */
abstract class CompiledExpression<E> {
    private final String source;
    protected final E root;

    CompiledExpression(String source, E root) {
        this.source = source;
        this.root = root;
    }

    /** The text this was compiled from. */
    public final String source() {
        return source;
    }

    @Override
    public final String toString() {
        return root.toString();
    }
}
