package eu.stratuslab.oneproxy.api.family;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.OneException;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.core.pool.OwnedObject;
import eu.stratuslab.oneproxy.api.Requests;
import eu.stratuslab.xmlrpc.OneResult;
import eu.stratuslab.xmlrpc.Params;
import eu.stratuslab.xmlrpc.XmlRpcFault;

/**
 * {@code one.<kind>.chown(S, id, uid, gid)} (-1 keeps) → id (oned's {@code RequestManagerChown}):
 * ADMIN on the object, MANAGE on the new owner and USE on the new group.
 */
public class ChownRequest<T extends OwnedObject, P> extends ObjectRequest<T, P> {
    /** Stores the new owner and group. */
    @FunctionalInterface
    public interface Chown<P> {
        void chown(P pool, int id, int uid, int gid) throws OneException;
    }

    private final Chown<P> chown;

    public ChownRequest(Core core, ObjectKind<T, P> kind, Chown<P> chown) {
        super(core, kind, kind.request("chown", "Chown"));
        this.chown = chown;
    }

    @Override
    public final OneResult call(Caller caller, Params params) throws OneException, XmlRpcFault {
        int id = params.getInt(1);
        int uid = params.getInt(2);
        int gid = params.getInt(3);
        authorizeChown(caller, id, uid, gid);
        chown.chown(pool(), id, uid, gid);
        return OneResult.ok(id);
    }

    protected void authorizeChown(Caller caller, int id, int uid, int gid) throws OneException {
        Requests.authorizeChown(core.authorizer(), caller, kind.type(), kind.get(core, id), uid, gid);
    }
}
