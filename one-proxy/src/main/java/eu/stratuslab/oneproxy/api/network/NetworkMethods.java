package eu.stratuslab.oneproxy.api.network;

import eu.stratuslab.core.Core;
import eu.stratuslab.oneproxy.api.ApiRegistry;

/** The one.vn.* and one.vnpool.* methods. */
public final class NetworkMethods {
    private NetworkMethods() {
    }

    public static void register(ApiRegistry registry, Core core) {
        registry.register(new VirtualNetworkAllocate(core));
        registry.register(new VirtualNetworkInfo(core));
        registry.register(new VirtualNetworkPoolInfo(core));
        registry.register(new VirtualNetworkDelete(core));
        registry.register(new VirtualNetworkUpdate(core));
        registry.register(new VirtualNetworkAddLeases(core));
        registry.register(new VirtualNetworkRemoveLeases(core));
        registry.register(new VirtualNetworkHold(core));
        registry.register(new VirtualNetworkRelease(core));
        registry.register(new VirtualNetworkChown(core));
        registry.register(new VirtualNetworkChmod(core));
    }
}
