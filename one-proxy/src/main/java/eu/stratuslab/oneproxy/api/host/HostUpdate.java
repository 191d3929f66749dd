package eu.stratuslab.oneproxy.api.host;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.OneException;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.core.auth.ObjectType;
import eu.stratuslab.core.auth.Right;
import eu.stratuslab.oneproxy.api.AbstractMethod;
import eu.stratuslab.oneproxy.api.Requests;
import eu.stratuslab.template.Template;
import eu.stratuslab.xmlrpc.OneResult;
import eu.stratuslab.xmlrpc.Params;
import eu.stratuslab.xmlrpc.XmlRpcFault;

/** {@code one.host.update(S, id, template)} → id; ADMIN; replaces the whole host TEMPLATE. */
final class HostUpdate extends AbstractMethod {
    HostUpdate(Core core) {
        super(core, "one.host.update", "HostUpdate");
    }

    @Override
    public OneResult call(Caller caller, Params params) throws OneException, XmlRpcFault {
        int id = params.getInt(1);
        String text = params.getString(2);
        core.hosts().get(id);
        core.authorizer().authorizeUnowned(caller, ObjectType.HOST, id, Right.ADMIN);
        Template t = Requests.parseTemplate(text, "Cannot update template.");
        core.hosts().update(id, t);
        return OneResult.ok(id);
    }
}
