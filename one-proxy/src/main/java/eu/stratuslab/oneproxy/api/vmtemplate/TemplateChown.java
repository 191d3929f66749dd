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

/** {@code one.template.chown(S, id, uid, gid)} (-1 keeps) → id; ADMIN. */
final class TemplateChown extends AbstractMethod {
    TemplateChown(Core core) {
        super(core, "one.template.chown", "TemplateChown");
    }

    @Override
    public OneResult call(Caller caller, Params params) throws OneException, XmlRpcFault {
        int id = params.getInt(1);
        int uid = params.getInt(2);
        int gid = params.getInt(3);
        VmTemplate tmpl = core.templates().get(id);
        Requests.authorizeChown(core.authorizer(), caller, ObjectType.TEMPLATE, tmpl, uid, gid);
        core.templates().chown(id, uid, gid);
        return OneResult.ok(id);
    }
}
