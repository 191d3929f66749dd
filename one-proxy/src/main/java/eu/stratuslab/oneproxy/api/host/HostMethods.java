package eu.stratuslab.oneproxy.api.host;

import eu.stratuslab.core.Core;
import eu.stratuslab.oneproxy.api.ApiRegistry;

/** The one.host.* and one.hostpool.* methods. */
public final class HostMethods {
    private HostMethods() {
    }

    public static void register(ApiRegistry registry, Core core) {
        registry.register(new HostAllocate(core));
        registry.register(new HostDelete(core));
        registry.register(new HostEnable(core));
        registry.register(new HostUpdate(core));
        registry.register(new HostInfo(core));
        registry.register(new HostPoolInfo(core));
    }
}
