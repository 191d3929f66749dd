package eu.stratuslab.oneproxy.api.family;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.OneException;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.core.auth.Right;
import eu.stratuslab.xmlrpc.OneResult;
import eu.stratuslab.xmlrpc.Params;
import eu.stratuslab.xmlrpc.XmlRpcFault;

/**
 * {@code one.<kind>.info(S, id)} → the object's document; USE (oned's {@code RequestManagerInfo}).
 * Users and groups: {@code -1} is the caller's own, which it may always read.
 */
public final class InfoRequest<T, P> extends ObjectRequest<T, P> {
    public InfoRequest(Core core, ObjectKind<T, P> kind) {
        super(core, kind, kind.request("info", "Info"));
    }

    @Override
    public OneResult call(Caller caller, Params params) throws OneException, XmlRpcFault {
        int id = kind.resolveId(caller, params.getInt(1));
        return OneResult.ok(kind.document(core, authorized(caller, id, Right.USE, true)));
    }
}
