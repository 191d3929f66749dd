package eu.stratuslab.oneproxy.api.user;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.OneException;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.core.auth.ObjectType;
import eu.stratuslab.core.auth.Right;
import eu.stratuslab.oneproxy.api.AbstractMethod;
import eu.stratuslab.oneproxy.api.Requests;
import eu.stratuslab.xmlrpc.OneResult;
import eu.stratuslab.xmlrpc.Params;
import eu.stratuslab.xmlrpc.XmlRpcFault;

/** {@code one.user.update(S, uid, template)} → uid; group 0 only; replaces the template (USER_HOOK UPDATE). */
final class UserUpdate extends AbstractMethod {
    UserUpdate(Core core) {
        super(core, "one.user.update", "UserUpdate");
    }

    @Override
    public OneResult call(Caller caller, Params params) throws OneException, XmlRpcFault {
        int uid = params.getInt(1);
        String text = params.getString(2);
        core.users().get(uid);
        Requests.requireAdmin(caller, Right.MANAGE, ObjectType.USER, uid);
        core.users().update(uid, Requests.parseTemplate(text, "Cannot update template."));
        return OneResult.ok(uid);
    }
}
