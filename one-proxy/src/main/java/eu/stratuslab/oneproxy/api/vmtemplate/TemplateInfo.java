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

/** {@code one.template.info(S, id)} → {@code <VMTEMPLATE>}; USE. */
final class TemplateInfo extends AbstractMethod {
    TemplateInfo(Core core) {
        super(core, "one.template.info", "TemplateInfo");
    }

    @Override
    public OneResult call(Caller caller, Params params) throws OneException, XmlRpcFault {
        int id = params.getInt(1);
        VmTemplate tmpl = core.templates().get(id);
        core.authorizer().authorize(caller, ObjectType.TEMPLATE, tmpl, Right.USE);
        return OneResult.ok(core.templates().document(id));
    }
}
