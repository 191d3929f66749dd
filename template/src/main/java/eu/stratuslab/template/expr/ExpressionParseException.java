package eu.stratuslab.template.expr;

/** A REQUIREMENTS or RANK expression that cannot be parsed; the message says where and why. */
public class ExpressionParseException extends Exception {

    private static final long serialVersionUID = 1L;

    public ExpressionParseException(String message) {
        super(message);
    }
}
