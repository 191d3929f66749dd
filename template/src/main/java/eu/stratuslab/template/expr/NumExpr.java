package eu.stratuslab.template.expr;

/** A compiled RANK node. Evaluation allocates nothing. */
abstract class NumExpr {

    abstract double eval(AttributeLookup host);

    static final class Constant extends NumExpr {
        private final double value;

        Constant(double value) {
            this.value = value;
        }

        @Override
        double eval(AttributeLookup host) {
            return value;
        }

        @Override
        public String toString() {
            return String.valueOf(value);
        }
    }

    static final class Attribute extends NumExpr {
        private final String name;

        Attribute(String name) {
            this.name = name;
        }

        @Override
        double eval(AttributeLookup host) {
            return host.getDouble(name);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static final class Negate extends NumExpr {
        private final NumExpr operand;

        Negate(NumExpr operand) {
            this.operand = operand;
        }

        @Override
        double eval(AttributeLookup host) {
            return -operand.eval(host);
        }

        @Override
        public String toString() {
            return "-" + operand;
        }
    }

    static final class Binary extends NumExpr {
        private final char op;
        private final NumExpr left;
        private final NumExpr right;

        Binary(char op, NumExpr left, NumExpr right) {
            this.op = op;
            this.left = left;
            this.right = right;
        }

        @Override
        double eval(AttributeLookup host) {
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
