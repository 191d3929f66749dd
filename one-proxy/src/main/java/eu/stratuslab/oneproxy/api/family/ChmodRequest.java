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
 * {@code one.<kind>.chmod(S, id, OWNER_U, OWNER_M, OWNER_A, GROUP_U, ..., OTHER_A)} (-1 keeps) → id
 * (oned's {@code RequestManagerChmod}): MANAGE, and ADMIN to change any of the *_A bits.
 */
public final class ChmodRequest<T extends OwnedObject, P> extends ObjectRequest<T, P> {
    /** Stores the new permission bits. */
    @FunctionalInterface
    public interface Chmod<P> {
        void chmod(P pool, int id, int[] bits) throws OneException;
    }

    private final Chmod<P> chmod;

    public ChmodRequest(Core core, ObjectKind<T, P> kind, Chmod<P> chmod) {
        super(core, kind, kind.request("chmod", "Chmod"));
        this.chmod = chmod;
    }

    @Override
    public OneResult call(Caller caller, Params params) throws OneException, XmlRpcFault {
        int id = params.getInt(1);
        int[] bits = Requests.chmodBits(params, 2);
        Requests.authorizeChmod(core.authorizer(), caller, kind.type(), kind.get(core, id), bits);
        chmod.chmod(pool(), id, bits);
        return OneResult.ok(id);
    }
}
