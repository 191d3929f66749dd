package eu.stratuslab.oneproxy.api.acl;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.OneException;
import eu.stratuslab.core.acl.AclPool;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.core.auth.ObjectType;
import eu.stratuslab.core.auth.Right;
import eu.stratuslab.oneproxy.api.AbstractMethod;
import eu.stratuslab.oneproxy.api.RequestName;
import eu.stratuslab.oneproxy.api.Requests;
import eu.stratuslab.oneproxy.api.family.ObjectRequest.Argument;
import eu.stratuslab.xmlrpc.OneResult;
import eu.stratuslab.xmlrpc.Params;
import eu.stratuslab.xmlrpc.XmlRpcFault;
import java.util.function.ToIntFunction;

/**
 * oned's {@code RequestManagerAcl}: the ACL rules are group 0's business. The arguments are read
 * (and checked) first, then the right on the rule they name ({@code -1}: the rule set).
 *
 * @param <A> what the arguments are read into
 */
final class AclRequest<A> extends AbstractMethod {
    /** The operation on the rules and its answer. */
    @FunctionalInterface
    interface Action<A> {
        OneResult run(AclPool acls, A arguments) throws OneException;
    }

    private final Right right;
    private final Argument<A> arguments;
    private final ToIntFunction<A> ruleId;
    private final Action<A> action;

    AclRequest(Core core, String operation, String tag, Right right, Argument<A> arguments, ToIntFunction<A> ruleId,
               Action<A> action) {
        super(core, new RequestName("one.acl." + operation, tag));
        this.right = right;
        this.arguments = arguments;
        this.ruleId = ruleId;
        this.action = action;
    }

    @Override
    public OneResult call(Caller caller, Params params) throws OneException, XmlRpcFault {
        A values = arguments.read(params, 1);
        Requests.requireAdmin(caller, right, ObjectType.ACL, ruleId.applyAsInt(values));
        return action.run(core.acls(), values);
    }
}
