package eu.stratuslab.template.expr;

/** A compiled REQUIREMENTS node. Evaluation allocates nothing. */
interface BoolExpr {

    boolean eval(AttributeLookup host);

    BoolExpr TRUE = new BoolExpr() {
        @Override
        public boolean eval(AttributeLookup host) {
            return true;
        }

        @Override
        public String toString() {
            return "true";
        }
    };

    /** {@code left & right} or {@code left | right}: one precedence, left to right, as the original. */
    record Junction(char op, BoolExpr left, BoolExpr right) implements BoolExpr {
        @Override
        public boolean eval(AttributeLookup host) {
            return op == '&' ? left.eval(host) && right.eval(host) : left.eval(host) || right.eval(host);
        }

        @Override
        public String toString() {
            return "(" + left + " " + op + " " + right + ")";
        }
    }

    record Not(BoolExpr operand) implements BoolExpr {
        @Override
        public boolean eval(AttributeLookup host) {
            return !operand.eval(host);
        }

        @Override
        public String toString() {
            return "!" + operand;
        }
    }

    /**
     * {@code NAME op number} with op one of '=', '!' (for !=), '>', '<'; an integer literal reads the
     * attribute as an integer, as the original.
     */
    record NumberCompare(String name, char op, double number, boolean integer) implements BoolExpr {
        @Override
        public boolean eval(AttributeLookup host) {
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
    record StringCompare(String name, String pattern, boolean negate) implements BoolExpr {
        @Override
        public boolean eval(AttributeLookup host) {
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
