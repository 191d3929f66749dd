package eu.stratuslab.template.expr;

/** A compiled RANK node. Evaluation allocates nothing. */
interface NumExpr {

    double eval(AttributeLookup host);

    record Constant(double value) implements NumExpr {
        @Override
        public double eval(AttributeLookup host) {
            return value;
        }

        @Override
        public String toString() {
            return String.valueOf(value);
        }
    }

    record Attribute(String name) implements NumExpr {
        @Override
        public double eval(AttributeLookup host) {
            return host.getDouble(name);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    record Negate(NumExpr operand) implements NumExpr {
        @Override
        public double eval(AttributeLookup host) {
            return -operand.eval(host);
        }

        @Override
        public String toString() {
            return "-" + operand;
        }
    }

    /** {@code left op right} with op one of '+', '-', '*', '/'. */
    record Binary(char op, NumExpr left, NumExpr right) implements NumExpr {
        @Override
        public double eval(AttributeLookup host) {
            double a = left.eval(host);
            double b = right.eval(host);
            switch (op) {
                case '+':
                    return a + b;
                case '-':
                    return a - b;
                case '*':
                    return a * b;
                default:
                    return a / b; // IEEE semantics, as the original's float division
            }
        }

        @Override
        public String toString() {
            return "(" + left + " " + op + " " + right + ")";
        }
    }
}
