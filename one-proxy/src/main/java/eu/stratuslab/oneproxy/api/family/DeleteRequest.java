package eu.stratuslab.oneproxy.api.family;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.OneException;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.core.auth.Right;
import eu.stratuslab.xmlrpc.OneResult;
import eu.stratuslab.xmlrpc.Params;
import eu.stratuslab.xmlrpc.XmlRpcFault;

/** {@code one.<kind>.delete(S, id)} → id (oned's {@code RequestManagerDelete}); the pool says what may not go. */
public final class DeleteRequest<T, P> extends ObjectRequest<T, P> {
    /** {@code pool.delete(id)}. */
    @FunctionalInterface
    public interface Deletion<P> {
        void delete(P pool, int id) throws OneException;
    }

    private final Right right;
    private final Deletion<P> deletion;

    /** {@code right}: MANAGE for owned objects, ADMIN for hosts, users and groups. */
    public DeleteRequest(Core core, ObjectKind<T, P> kind, Right right, Deletion<P> deletion) {
        super(core, kind, kind.request("delete", "Delete"));
        this.right = right;
        this.deletion = deletion;
    }

    @Override
    public OneResult call(Caller caller, Params params) throws OneException, XmlRpcFault {
        int id = params.getInt(1);
        authorized(caller, id, right);
        deletion.delete(pool(), id);
        return OneResult.ok(id);
    }
}
