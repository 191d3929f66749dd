package eu.stratuslab.xmlrpc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Typed access to call parameters following the binding rules of spec §3.2. Indexes are 0-based
 * (index 0 is the session string). Extra trailing parameters are simply never read.
 */
public final class Params {

    private final List<Object> values;

    public Params(List<Object> values) {
        // a copy that keeps nulls (nil is a legal parameter value, List.copyOf would refuse it)
        this.values = values == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(values));
    }

    public int size() {
        return values.size();
    }

    /** Any value (null for nil); missing: -501 {@code Not enough parameters}. */
    public Object get(int index) throws XmlRpcFault {
        if (index < 0 || index >= values.size()) {
            throw XmlRpcFault.notEnoughParameters();
        }
        return values.get(index);
    }

    /** {@code i4}/{@code int}, or {@code i8} within the 32-bit range; anything else: -501. */
    public int getInt(int index) throws XmlRpcFault {
        Object value = get(index);
        if (value instanceof Integer i) {
            return i;
        }
        if (value instanceof Long l && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
            return l.intValue();
        }
        throw XmlRpcFault.typeMismatch(index, "int");
    }

    /** Like {@link #getInt(int)}, but a missing parameter yields {@code defaultWhenMissing}. */
    public int getIntOr(int index, int defaultWhenMissing) throws XmlRpcFault {
        return index >= values.size() ? defaultWhenMissing : getInt(index);
    }

    /** {@code string} or untyped value; anything else: -501. */
    public String getString(int index) throws XmlRpcFault {
        if (get(index) instanceof String s) {
            return s;
        }
        throw XmlRpcFault.typeMismatch(index, "string");
    }

    /** {@code boolean}; anything else: -501. */
    public boolean getBoolean(int index) throws XmlRpcFault {
        if (get(index) instanceof Boolean b) {
            return b;
        }
        throw XmlRpcFault.typeMismatch(index, "boolean");
    }
}
