package eu.stratuslab.oneproxy.api.vmtemplate;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.OneException;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.core.auth.ObjectType;
import eu.stratuslab.core.auth.Right;
import eu.stratuslab.core.vmtemplate.VmTemplate;
import eu.stratuslab.oneproxy.api.AbstractMethod;
import eu.stratuslab.template.Template;
import eu.stratuslab.template.TemplateText;
import eu.stratuslab.xmlrpc.OneResult;
import eu.stratuslab.xmlrpc.Params;
import eu.stratuslab.xmlrpc.XmlRpcFault;

/** {@code one.template.instantiate(S, id, vmName)} ("" = default) → new VM id; USE on the template, then the checks of one.vm.allocate. */
final class TemplateInstantiate extends AbstractMethod {
    TemplateInstantiate(Core core) {
        super(core, "one.template.instantiate", "TemplateInstantiate");
    }

    @Override
    public OneResult call(Caller caller, Params params) throws OneException, XmlRpcFault {
        int id = params.getInt(1);
        String vmName = params.getString(2);
        VmTemplate tmpl = core.templates().get(id);
        core.authorizer().authorize(caller, ObjectType.TEMPLATE, tmpl, Right.USE);
        Template t = tmpl.template();
        if (!vmName.isEmpty()) {
            t.set("NAME", vmName);
        }
        return OneResult.ok(core.vms().allocate(caller, TemplateText.write(t)).id());
    }
}
