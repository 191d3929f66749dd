package eu.stratuslab.oneproxy.api.acl;

import eu.stratuslab.core.Core;
import eu.stratuslab.oneproxy.api.ApiRegistry;

/** The one.acl.* methods. */
public final class AclMethods {
    private AclMethods() {
    }

    public static void register(ApiRegistry registry, Core core) {
        registry.register(new AclAddRule(core));
        registry.register(new AclDelRule(core));
        registry.register(new AclInfo(core));
    }
}
