package eu.stratuslab.oneproxy.api.vmtemplate;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.OneException;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.core.auth.ObjectType;
import eu.stratuslab.core.vmtemplate.VmTemplate;
import eu.stratuslab.oneproxy.api.AbstractMethod;
import eu.stratuslab.oneproxy.api.Requests;
import eu.stratuslab.xmlrpc.OneResult;
import eu.stratuslab.xmlrpc.Params;
import eu.stratuslab.xmlrpc.XmlRpcFault;

/** {@code one.template.chmod(S, id, 9 × bit)} (-1 keeps) → id; MANAGE, ADMIN for the *_A bits. */
final class TemplateChmod extends AbstractMethod {
    TemplateChmod(Core core) {
        super(core, "one.template.chmod", "TemplateChmod");
    }

    @Override
    public OneResult call(Caller caller, Params params) throws OneException, XmlRpcFault {
        int id = params.getInt(1);
        int[] bits = Requests.chmodBits(params, 2);
        VmTemplate tmpl = core.templates().get(id);
        Requests.authorizeChmod(core.authorizer(), caller, ObjectType.TEMPLATE, tmpl, bits);
        core.templates().chmod(id, bits);
        return OneResult.ok(id);
    }
}
