package eu.stratuslab.template;

/**
 * A template that OpenNebula 3.2 would refuse. The message is OpenNebula's own text, e.g.
 * {@code syntax error, unexpected $end, expecting COMMA or CBRACKET at line 2, columns 27:40},
 * which {@code one.vm.allocate} appends to {@code Parse error: }.
 */
public class TemplateParseException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int line;
    private final int firstColumn;
    private final int lastColumn;

    public TemplateParseException(String detail, int line, int firstColumn, int lastColumn) {
        super(detail + " at line " + line + ", columns " + firstColumn + ":" + lastColumn);
        this.line = line;
        this.firstColumn = firstColumn;
        this.lastColumn = lastColumn;
    }

    /** Line of the offending token (after the newlines it contains, as flex's yylineno). */
    public int line() {
        return line;
    }

    /** Start of the offending token, counted in bytes from the start of the text, starting at 1. */
    public int firstColumn() {
        return firstColumn;
    }

    /** End (exclusive) of the offending token, same counting as {@link #firstColumn()}. */
    public int lastColumn() {
        return lastColumn;
    }
}
