package eu.stratuslab.oneproxy.api.family;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.OneException;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.core.auth.Right;
import eu.stratuslab.oneproxy.api.AbstractMethod;
import eu.stratuslab.oneproxy.api.RequestName;
import eu.stratuslab.xmlrpc.Params;
import eu.stratuslab.xmlrpc.XmlRpcFault;

/**
 * The base of the request families: a request on one object of a {@link ObjectKind}, named
 * {@code one.<kind>.<operation>} and tagged {@code <Kind><Operation>} unless a family says otherwise.
 */
public abstract class ObjectRequest<T, P> extends AbstractMethod {
    /** Reads a request's argument that starts at {@code index}, e.g. {@code Params::getBoolean}. */
    @FunctionalInterface
    public interface Argument<A> {
        A read(Params params, int index) throws XmlRpcFault, OneException;

        /** {@code count} strings from {@code index} on. */
        static Argument<String[]> strings(int count) {
            return (params, index) -> {
                String[] values = new String[count];
                for (int i = 0; i < count; i++) {
                    values[i] = params.getString(index + i);
                }
                return values;
            };
        }
    }

    protected final ObjectKind<T, P> kind;

    protected ObjectRequest(Core core, ObjectKind<T, P> kind, RequestName requestName) {
        super(core, requestName);
        this.kind = kind;
    }

    /** NO_EXISTS for an unknown object, then AUTHORIZATION unless {@code caller} has {@code right} on it. */
    protected final T authorized(Caller caller, int id, Right right) throws OneException {
        return authorized(caller, id, right, false);
    }

    /** As {@link #authorized(Caller, int, Right)}; with {@code callersOwnAllowed} a user's own account or group needs no right. */
    protected final T authorized(Caller caller, int id, Right right, boolean callersOwnAllowed) throws OneException {
        T object = kind.get(core, id);
        if (!(callersOwnAllowed && kind.isCallersOwn(caller, id))) {
            kind.authorize(core, caller, object, id, right);
        }
        return object;
    }

    protected final P pool() {
        return kind.pool(core);
    }
}
