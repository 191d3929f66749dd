package eu.stratuslab.oneproxy.api.group;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.OneException;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.oneproxy.api.AbstractMethod;
import eu.stratuslab.xmlrpc.OneResult;
import eu.stratuslab.xmlrpc.Params;
import eu.stratuslab.xmlrpc.XmlRpcFault;

/** {@code one.grouppool.info(S)} → {@code <GROUP_POOL>}: every group for group 0, the caller's own group otherwise. */
final class GroupPoolInfo extends AbstractMethod {
    GroupPoolInfo(Core core) {
        super(core, "one.grouppool.info", "GroupPoolInfo");
    }

    @Override
    public OneResult call(Caller caller, Params params) throws OneException, XmlRpcFault {
        boolean admin = caller.isAdmin();
        return OneResult.ok(core.groups().poolDocument(gid -> admin || gid == caller.gid()));
    }
}
