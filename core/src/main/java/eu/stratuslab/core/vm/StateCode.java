package eu.stratuslab.core.vm;

/** A VM state enum whose stored and shown code is its ordinal, as in oned 3.2. */
public interface StateCode {
    int ordinal();

    default int code() {
        return ordinal();
    }

    /** {@code byCode[code]}, or an IllegalArgumentException naming {@code what} for a code out of range. */
    static <E extends Enum<E>> E of(E[] byCode, int code, String what) {
        if (code < 0 || code >= byCode.length) {
            throw new IllegalArgumentException("no " + what + " " + code);
        }
        return byCode[code];
    }
}
