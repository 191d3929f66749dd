package eu.stratuslab.oneproxy.api.host;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.auth.Right;
import eu.stratuslab.core.host.HostPool;
import eu.stratuslab.oneproxy.api.ApiMethod;
import eu.stratuslab.oneproxy.api.Kinds;
import eu.stratuslab.oneproxy.api.family.AllocateRequest;
import eu.stratuslab.oneproxy.api.family.ChangeRequest;
import eu.stratuslab.oneproxy.api.family.DeleteRequest;
import eu.stratuslab.oneproxy.api.family.InfoRequest;
import eu.stratuslab.oneproxy.api.family.ObjectRequest.Argument;
import eu.stratuslab.oneproxy.api.family.PoolInfoRequest;
import eu.stratuslab.xmlrpc.Params;
import java.util.List;

/**
 * The one.host.* and one.hostpool.* methods (xmlrpc-api.md §4.2). Allocate needs CREATE HOST; delete (refused while VMs run on
 * the host), enable (true → INIT, probed at once; false → DISABLED) and update (the whole host
 * TEMPLATE) need ADMIN; the pool lists every host, no right needed.
 */
public final class HostMethods {
    private HostMethods() {
    }

    public static List<ApiMethod> all(Core core) {
        return List.of(
                // (S, hostname, im_mad, vmm_mad, vnm_mad, tm_mad); a 7th parameter (the installer's boolean) is ignored
                new AllocateRequest<>(core, Kinds.HOST, Argument.strings(5),
                        (pool, caller, mads) -> pool.allocate(mads[0], mads[1], mads[2], mads[3], mads[4])),
                new DeleteRequest<>(core, Kinds.HOST, Right.ADMIN, HostPool::delete),
                new ChangeRequest<>(core, Kinds.HOST, "enable", "Enable", Right.ADMIN, Params::getBoolean,
                        HostPool::enable),
                ChangeRequest.update(core, Kinds.HOST, Right.ADMIN, HostPool::update),
                new InfoRequest<>(core, Kinds.HOST),
                new PoolInfoRequest<>(core, Kinds.HOST, (pool, caller, params) -> pool.poolDocument()));
    }
}
