package eu.stratuslab.oneproxy.api.vmtemplate;

import eu.stratuslab.core.Core;
import eu.stratuslab.oneproxy.api.ApiMethod;
import eu.stratuslab.oneproxy.api.Kinds;
import eu.stratuslab.oneproxy.api.family.OwnedFamilies;
import java.util.List;

/** The one.template.* and one.templatepool.* methods (xmlrpc-api.md §4.6). */
public final class TemplateMethods {
    private TemplateMethods() {
    }

    public static List<ApiMethod> all(Core core) {
        return OwnedFamilies.with(core, Kinds.TEMPLATE, new TemplateInstantiate(core));
    }
}
