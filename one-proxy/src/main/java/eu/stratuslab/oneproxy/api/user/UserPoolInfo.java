package eu.stratuslab.oneproxy.api.user;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.OneException;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.oneproxy.api.AbstractMethod;
import eu.stratuslab.xmlrpc.OneResult;
import eu.stratuslab.xmlrpc.Params;
import eu.stratuslab.xmlrpc.XmlRpcFault;

/** {@code one.userpool.info(S)} → {@code <USER_POOL>}: every user for group 0, the caller's own entry otherwise. */
final class UserPoolInfo extends AbstractMethod {
    UserPoolInfo(Core core) {
        super(core, "one.userpool.info", "UserPoolInfo");
    }

    @Override
    public OneResult call(Caller caller, Params params) throws OneException, XmlRpcFault {
        boolean admin = caller.isAdmin();
        return OneResult.ok(core.users().poolDocument(uid -> admin || uid == caller.uid()));
    }
}
