package eu.stratuslab.oneproxy.api.network;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.OneException;
import eu.stratuslab.core.auth.Right;
import eu.stratuslab.core.network.NetworkPool;
import eu.stratuslab.core.network.VirtualNetwork;
import eu.stratuslab.oneproxy.api.ApiMethod;
import eu.stratuslab.oneproxy.api.Kinds;
import eu.stratuslab.oneproxy.api.Requests;
import eu.stratuslab.oneproxy.api.family.ChangeRequest;
import eu.stratuslab.oneproxy.api.family.OwnedFamilies;
import eu.stratuslab.template.VectorAttribute;
import eu.stratuslab.xmlrpc.Params;
import java.util.List;

/**
 * The one.vn.* and one.vnpool.* methods (xmlrpc-api.md §4.3). Info answers {@code <VNET>} with
 * LEASES, the pool without; delete is refused while VMs hold leases.
 */
public final class NetworkMethods {
    /** A change of leases given as {@code LEASES=[IP=..(,MAC=..)]}. */
    @FunctionalInterface
    private interface LeaseChange {
        void apply(NetworkPool pool, int id, List<VectorAttribute> leases) throws OneException;
    }

    private NetworkMethods() {
    }

    public static List<ApiMethod> all(Core core) {
        return OwnedFamilies.with(core, Kinds.NETWORK,
                leases(core, "addleases", "AddLeases", NetworkPool::addLeases), // FIXED networks only
                leases(core, "rmleases", "RemoveLeases", NetworkPool::removeLeases),
                leases(core, "hold", "Hold", NetworkPool::hold), // used, with VID -1
                leases(core, "release", "Release", NetworkPool::releaseHeld));
    }

    /** {@code one.vn.<operation>(S, id, "LEASES=[IP=..]")} → id; MANAGE (oned's {@code RequestManagerVirtualNetwork}). */
    private static ChangeRequest<VirtualNetwork, NetworkPool, String> leases(Core core, String operation,
            String tagOperation, LeaseChange change) {
        return new ChangeRequest<>(core, Kinds.NETWORK, operation, tagOperation, Right.MANAGE, Params::getString,
                (pool, id, text) -> change.apply(pool, id,
                        Requests.parseTemplate(text, "Error modifying network leases.").vectors("LEASES")));
    }
}
