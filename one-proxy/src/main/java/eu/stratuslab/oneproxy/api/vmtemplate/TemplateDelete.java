package eu.stratuslab.oneproxy.api.vmtemplate;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.OneException;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.core.auth.ObjectType;
import eu.stratuslab.core.auth.Right;
import eu.stratuslab.core.vmtemplate.VmTemplate;
import eu.stratuslab.oneproxy.api.AbstractMethod;
import eu.stratuslab.xmlrpc.OneResult;
import eu.stratuslab.xmlrpc.Params;
import eu.stratuslab.xmlrpc.XmlRpcFault;

/** {@code one.template.delete(S, id)} → id; MANAGE. */
final class TemplateDelete extends AbstractMethod {
    TemplateDelete(Core core) {
        super(core, "one.template.delete", "TemplateDelete");
    }

    @Override
    public OneResult call(Caller caller, Params params) throws OneException, XmlRpcFault {
        int id = params.getInt(1);
        VmTemplate tmpl = core.templates().get(id);
        core.authorizer().authorize(caller, ObjectType.TEMPLATE, tmpl, Right.MANAGE);
        core.templates().delete(id);
        return OneResult.ok(id);
    }
}
