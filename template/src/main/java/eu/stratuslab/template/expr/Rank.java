package eu.stratuslab.template.expr;

/**
 * A compiled RANK expression (template.md §7): {@code + - * /}, unary minus, parentheses, numbers
 * and host attribute names (missing or non-numeric attributes count as 0). Immutable, thread-safe,
 * and evaluation allocates nothing. An empty text ranks every host 0.
 * <pre>
 * rank   := (empty) | sum
 * sum    := term ( ('+' | '-') term )*
 * term   := factor ( ('*' | '/') factor )*
 * factor := '-' factor | '(' sum ')' | INTEGER | FLOAT | NAME
 * </pre>
 */
public final class Rank extends CompiledExpression<NumExpr> {
    private Rank(String source, NumExpr root) {
        super(source, root);
    }

    public static Rank parse(String text) throws ExpressionParseException {
        if (text == null || text.isBlank()) {
            return new Rank("", new NumExpr.Constant(0));
        }
        return new Rank(text, ExpressionLexer.parseWhole(text, Rank::sum, "an operator"));
    }

    public double evaluate(AttributeLookup host) {
        return root.eval(host);
    }

    private static NumExpr sum(ExpressionLexer lexer) throws ExpressionParseException {
        return lexer.leftAssociative(Rank::term, "+-", NumExpr.Binary::new);
    }

    private static NumExpr term(ExpressionLexer lexer) throws ExpressionParseException {
        return lexer.leftAssociative(Rank::factor, "*/", NumExpr.Binary::new);
    }

    private static NumExpr factor(ExpressionLexer lexer) throws ExpressionParseException {
        if (lexer.isOperator('-')) {
            return new NumExpr.Negate(lexer.prefixed(Rank::factor));
        }
        if (lexer.isOperator('(')) {
            return lexer.parenthesized(Rank::sum);
        }
        switch (lexer.kind) {
            case INTEGER:
            case FLOAT: {
                double v = Double.parseDouble(lexer.value);
                lexer.next();
                return new NumExpr.Constant(v);
            }
            case NAME: {
                String name = lexer.value;
                lexer.next();
                return new NumExpr.Attribute(name);
            }
            default:
                throw lexer.unexpected("a number, an attribute name, '-' or '('");
        }
    }
}
