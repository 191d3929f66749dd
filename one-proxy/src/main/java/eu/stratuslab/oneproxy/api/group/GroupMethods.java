package eu.stratuslab.oneproxy.api.group;

import eu.stratuslab.core.Core;
import eu.stratuslab.oneproxy.api.ApiRegistry;

/** The one.group.* and one.grouppool.* methods. */
public final class GroupMethods {
    private GroupMethods() {
    }

    public static void register(ApiRegistry registry, Core core) {
        registry.register(new GroupAllocate(core));
        registry.register(new GroupDelete(core));
        registry.register(new GroupInfo(core));
        registry.register(new GroupPoolInfo(core));
    }
}
