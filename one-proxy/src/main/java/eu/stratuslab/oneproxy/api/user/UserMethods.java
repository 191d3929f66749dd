package eu.stratuslab.oneproxy.api.user;

import eu.stratuslab.core.Core;
import eu.stratuslab.oneproxy.api.ApiRegistry;

/** The one.user.* and one.userpool.* methods. */
public final class UserMethods {
    private UserMethods() {
    }

    public static void register(ApiRegistry registry, Core core) {
        registry.register(new UserAllocate(core));
        registry.register(new UserDelete(core));
        registry.register(new UserInfo(core));
        registry.register(new UserUpdate(core));
        registry.register(new UserChangePassword(core));
        registry.register(new UserChangeGroup(core));
        registry.register(new UserChangeAuth(core));
        registry.register(new UserPoolInfo(core));
    }
}
