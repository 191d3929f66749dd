package eu.stratuslab.oneproxy.api.vmtemplate;

import eu.stratuslab.core.Core;
import eu.stratuslab.oneproxy.api.ApiRegistry;

/** The one.template.* and one.templatepool.* methods. */
public final class TemplateMethods {
    private TemplateMethods() {
    }

    public static void register(ApiRegistry registry, Core core) {
        registry.register(new TemplateAllocate(core));
        registry.register(new TemplateDelete(core));
        registry.register(new TemplateInfo(core));
        registry.register(new TemplateUpdate(core));
        registry.register(new TemplateInstantiate(core));
        registry.register(new TemplateChown(core));
        registry.register(new TemplateChmod(core));
        registry.register(new TemplatePoolInfo(core));
    }
}
