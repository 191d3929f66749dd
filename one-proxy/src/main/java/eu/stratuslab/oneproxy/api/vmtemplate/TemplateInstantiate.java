package eu.stratuslab.oneproxy.api.vmtemplate;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.OneException;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.core.auth.Right;
import eu.stratuslab.core.vmtemplate.VmTemplate;
import eu.stratuslab.core.vmtemplate.VmTemplatePool;
import eu.stratuslab.oneproxy.api.Kinds;
import eu.stratuslab.oneproxy.api.family.ObjectRequest;
import eu.stratuslab.template.Template;
import eu.stratuslab.template.TemplateText;
import eu.stratuslab.xmlrpc.OneResult;
import eu.stratuslab.xmlrpc.Params;
import eu.stratuslab.xmlrpc.XmlRpcFault;

/** {@code one.template.instantiate(S, id, vmName)} ("" = default) → new VM id; USE on the template, then the checks of one.vm.allocate. */
final class TemplateInstantiate extends ObjectRequest<VmTemplate, VmTemplatePool> {
    TemplateInstantiate(Core core) {
        super(core, Kinds.TEMPLATE, Kinds.TEMPLATE.request("instantiate", "Instantiate"));
    }

    @Override
    public OneResult call(Caller caller, Params params) throws OneException, XmlRpcFault {
        int id = params.getInt(1);
        String vmName = params.getString(2);
        Template t = authorized(caller, id, Right.USE).template();
        if (!vmName.isEmpty()) {
            t.set("NAME", vmName);
        }
        return OneResult.ok(core.vms().allocate(caller, TemplateText.write(t)).id());
    }
}
