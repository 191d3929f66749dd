package eu.stratuslab.template.expr;

import eu.stratuslab.template.expr.ExpressionLexer.Kind;

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
public final class Rank {

    private final String source;
    private final NumExpr root;

    private Rank(String source, NumExpr root) {
        this.source = source;
        this.root = root;
    }

    public static Rank parse(String text) throws ExpressionParseException {
        if (text == null || text.isBlank()) {
            return new Rank("", new NumExpr.Constant(0));
        }
        ExpressionLexer lexer = new ExpressionLexer(text);
        lexer.next();
        NumExpr root = sum(lexer);
        if (lexer.kind != Kind.END) {
            throw lexer.unexpected("an operator");
        }
        return new Rank(text, root);
    }

    public double evaluate(AttributeLookup host) {
        return root.eval(host);
    }

    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return root.toString();
    }

    private static NumExpr sum(ExpressionLexer lexer) throws ExpressionParseException {
        NumExpr left = term(lexer);
        while (lexer.isOperator('+') || lexer.isOperator('-')) {
            char op = lexer.operator;
            lexer.next();
            left = new NumExpr.Binary(op, left, term(lexer));
        }
        return left;
    }

    private static NumExpr term(ExpressionLexer lexer) throws ExpressionParseException {
        NumExpr left = factor(lexer);
        while (lexer.isOperator('*') || lexer.isOperator('/')) {
            char op = lexer.operator;
            lexer.next();
            left = new NumExpr.Binary(op, left, factor(lexer));
        }
        return left;
    }

    private static NumExpr factor(ExpressionLexer lexer) throws ExpressionParseException {
        if (lexer.isOperator('-')) {
            lexer.enter();
            lexer.next();
            NumExpr operand = factor(lexer);
            lexer.leave();
            return new NumExpr.Negate(operand);
        }
        if (lexer.isOperator('(')) {
            lexer.enter();
            lexer.next();
            NumExpr inner = sum(lexer);
            if (!lexer.isOperator(')')) {
                throw lexer.unexpected("')'");
            }
            lexer.next();
            lexer.leave();
            return inner;
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
