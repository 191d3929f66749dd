package eu.stratuslab.template.expr;

/** A compiled REQUIREMENTS node. Evaluation allocates nothing. */
abstract class BoolExpr {

    abstract boolean eval(AttributeLookup host);

    static final BoolExpr TRUE = new BoolExpr() {
        @Override
        boolean eval(AttributeLookup host) {
            return true;
        }

        @Override
        public String toString() {
            return "true";
        }
    };

    static final class And extends BoolExpr {
        private final BoolExpr left;
        private final BoolExpr right;

        And(BoolExpr left, BoolExpr right) {
            this.left = left;
            this.right = right;
        }

        @Override
        boolean eval(AttributeLookup host) {
            return left.eval(host) && right.eval(host);
        }

        @Override
        public String toString() {
            return "(" + left + " & " + right + ")";
        }
    }

    static final class Or extends BoolExpr {
        private final BoolExpr left;
        private final BoolExpr right;

        Or(BoolExpr left, BoolExpr right) {
            this.left = left;
            this.right = right;
        }

        @Override
        boolean eval(AttributeLookup host) {
            return left.eval(host) || right.eval(host);
        }

        @Override
        public String toString() {
            return "(" + left + " | " + right + ")";
        }
    }

    static final class Not extends BoolExpr {
        private final BoolExpr operand;

        Not(BoolExpr operand) {
            this.operand = operand;
        }

        @Override
        boolean eval(AttributeLookup host) {
            return !operand.eval(host);
        }

        @Override
        public String toString() {
            return "!" + operand;
        }
    }

    /** {@code NAME op number}; an integer literal reads the attribute as an integer, as the original. */
    static final class NumberCompare extends BoolExpr {
        private final String name;
        private final char op; // '=', '!', '>', '<'
        private final double number;
        private final boolean integer;

        NumberCompare(String name, char op, double number, boolean integer) {
            this.name = name;
            this.op = op;
            this.number = number;
            this.integer = integer;
        }

        @Override
        boolean eval(AttributeLookup host) {
            double v = integer ? (double) host.getLong(name) : host.getDouble(name);
            switch (op) {
                case '=':
                    return v == number;
                case '!':
                    return v != number;
                case '>':
                    return v > number;
                default:
                    return v < number;
            }
        }

        @Override
        public String toString() {
            return name + (op == '!' ? " != " : " " + op + " ") + (integer ? String.valueOf((long) number) : number);
        }
    }

    /** {@code NAME = "pattern"} or {@code NAME != "pattern"} with shell wildcards. */
    static final class StringCompare extends BoolExpr {
        private final String name;
        private final String pattern;
        private final boolean negate;

        StringCompare(String name, String pattern, boolean negate) {
            this.name = name;
            this.pattern = pattern;
            this.negate = negate;
        }

        @Override
        boolean eval(AttributeLookup host) {
            String v = host.get(name);
            boolean match = Fnmatch.matches(pattern, v == null ? "" : v);
            return match != negate;
        }

        @Override
        public String toString() {
            return name + (negate ? " != \"" : " = \"") + pattern + "\"";
        }
    }
}
