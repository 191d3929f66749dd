package eu.stratuslab.oneproxy.api.vm;

import eu.stratuslab.core.Core;
import eu.stratuslab.oneproxy.api.ApiRegistry;

/** Registers the virtual machine methods of xmlrpc-api.md §4.1. */
public final class VmMethods {
    private VmMethods() {
    }

    public static void register(ApiRegistry registry, Core core) {
        registry.register(new VmAllocate(core));
        registry.register(new VmInfo(core));
        registry.register(new VmAction(core));
        registry.register(new VmPoolInfo(core));
        registry.register(new VmDeploy(core));
        registry.register(new VmMigrate(core));
        registry.register(new VmSaveDisk(core));
        registry.register(new VmChown(core));
        registry.register(new VmChmod(core));
    }
}
