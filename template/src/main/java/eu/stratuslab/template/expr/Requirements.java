package eu.stratuslab.template.expr;

import eu.stratuslab.template.expr.ExpressionLexer.Kind;

/**
 * A compiled REQUIREMENTS expression (template.md §7). Parse once, then {@link #matches} for every
 * host; instances are immutable and thread-safe.
 *
 * <p>Grammar (OpenNebula 3.2's {@code expr_bool.y}, where {@code & | !} share one precedence level
 * and associate to the left, so {@code !} applies to the next comparison or parenthesis only):
 * <pre>
 * requirements := (empty) | expr
 * expr         := unary ( ('&amp;' | '|') unary )*
 * unary        := '!' unary | '(' expr ')' | NAME op value
 * op           := '=' | '!' '=' | '&gt;' | '&lt;'
 * value        := ['-'] INTEGER | ['-'] FLOAT | "string" | NAME      (strings: '=' and '!=' only)
 * </pre>
 */
public final class Requirements extends CompiledExpression<BoolExpr> {
    private static final Requirements ALWAYS = new Requirements("", BoolExpr.TRUE);

    private Requirements(String source, BoolExpr root) {
        super(source, root);
    }

    /** Compiles {@code text}; null, empty or blank text always matches. */
    public static Requirements parse(String text) throws ExpressionParseException {
        if (text == null || text.isBlank()) {
            return ALWAYS;
        }
        return new Requirements(text, ExpressionLexer.parseWhole(text, Requirements::expr, "'&' or '|'"));
    }

    public boolean matches(AttributeLookup host) {
        return root.eval(host);
    }

    private static BoolExpr expr(ExpressionLexer lexer) throws ExpressionParseException {
        return lexer.leftAssociative(Requirements::unary, "&|", BoolExpr.Junction::new);
    }

    private static BoolExpr unary(ExpressionLexer lexer) throws ExpressionParseException {
        if (lexer.isOperator('!')) {
            return new BoolExpr.Not(lexer.prefixed(Requirements::unary));
        }
        if (lexer.isOperator('(')) {
            return lexer.parenthesized(Requirements::expr);
        }
        if (lexer.kind != Kind.NAME) {
            throw lexer.unexpected("an attribute name, '!' or '('");
        }
        String name = lexer.value;
        lexer.next();
        char op;
        if (lexer.isOperator('=') || lexer.isOperator('>') || lexer.isOperator('<')) {
            op = lexer.operator;
            lexer.next();
        } else if (lexer.isOperator('!')) {
            lexer.next();
            if (!lexer.isOperator('=')) {
                throw lexer.unexpected("'='");
            }
            op = '!';
            lexer.next();
        } else {
            throw lexer.unexpected("'=', '!=', '>' or '<'");
        }
        return comparison(lexer, name, op);
    }

    private static BoolExpr comparison(ExpressionLexer lexer, String name, char op) throws ExpressionParseException {
        boolean negative = false;
        if (lexer.isOperator('-')) {
            negative = true;
            lexer.next();
            if (lexer.kind != Kind.INTEGER && lexer.kind != Kind.FLOAT) {
                throw lexer.unexpected("a number");
            }
        }
        switch (lexer.kind) {
            case INTEGER:
            case FLOAT: {
                boolean integer = lexer.kind == Kind.INTEGER;
                double v = Double.parseDouble(lexer.value);
                lexer.next();
                return new BoolExpr.NumberCompare(name, op, negative ? -v : v, integer);
            }
            case STRING:
            case NAME: {
                if (op == '>' || op == '<') {
                    throw lexer.unexpected("a number");
                }
                String pattern = lexer.value;
                lexer.next();
                return new BoolExpr.StringCompare(name, pattern, op == '!');
            }
            default:
                throw lexer.unexpected("a number or a string");
        }
    }
}
