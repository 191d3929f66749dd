package eu.stratuslab.oneproxy.api.family;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.OneException;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.core.auth.Right;
import eu.stratuslab.oneproxy.api.RequestName;
import eu.stratuslab.oneproxy.api.Requests;
import eu.stratuslab.template.Template;
import eu.stratuslab.xmlrpc.OneResult;
import eu.stratuslab.xmlrpc.Params;
import eu.stratuslab.xmlrpc.XmlRpcFault;

/**
 * {@code one.<kind>.<operation>(S, id, argument)} → id: one right on the object, then one change
 * with one argument (oned's {@code RequestManagerUpdateTemplate}, {@code ImageEnable},
 * {@code HostEnable}, {@code UserChangeGroup} ... all have this shape).
 *
 * @param <A> the argument at position 2
 */
public final class ChangeRequest<T, P, A> extends ObjectRequest<T, P> {
    /** Applies the change, e.g. {@code ImagePool::enable}. */
    @FunctionalInterface
    public interface Change<P, A> {
        void apply(P pool, int id, A argument) throws OneException;
    }

    private final Right right;
    private final Argument<A> argument;
    private final Change<P, A> change;
    private final boolean argumentFirst;
    private final boolean callersOwnAllowed;

    /** {@code one.<kind>.<operation>}, tagged {@code <Kind><tagOperation>}. */
    public ChangeRequest(Core core, ObjectKind<T, P> kind, String operation, String tagOperation, Right right,
                         Argument<A> argument, Change<P, A> change) {
        this(core, kind, kind.request(operation, tagOperation), right, argument, change, false, false);
    }

    private ChangeRequest(Core core, ObjectKind<T, P> kind, RequestName requestName, Right right, Argument<A> argument,
                          Change<P, A> change, boolean argumentFirst, boolean callersOwnAllowed) {
        super(core, kind, requestName);
        this.right = right;
        this.argument = argument;
        this.change = change;
        this.argumentFirst = argumentFirst;
        this.callersOwnAllowed = callersOwnAllowed;
    }

    /** The same request with the argument at position 1 and the id at 2 ({@code one.vm.action}). */
    public ChangeRequest<T, P, A> argumentFirst() {
        return new ChangeRequest<>(core, kind, requestName, right, argument, change, true, callersOwnAllowed);
    }

    /** The same request, which users may make on their own account without the right ({@code one.user.passwd}). */
    public ChangeRequest<T, P, A> callersOwnAllowed() {
        return new ChangeRequest<>(core, kind, requestName, right, argument, change, argumentFirst, true);
    }

    /**
     * {@code one.<kind>.update(S, id, template)}: replaces the object's template; a syntax error
     * is reported after the right was checked, as oned does.
     */
    public static <T, P> ChangeRequest<T, P, String> update(Core core, ObjectKind<T, P> kind, Right right,
                                                            Change<P, Template> update) {
        return new ChangeRequest<>(core, kind, "update", "Update", right, Params::getString,
                (pool, id, text) -> update.apply(pool, id, Requests.parseTemplate(text, "Cannot update template.")));
    }

    @Override
    public OneResult call(Caller caller, Params params) throws OneException, XmlRpcFault {
        // read in position order, so that a bad type is reported for the first bad parameter
        int id;
        A value;
        if (argumentFirst) {
            value = argument.read(params, 1);
            id = params.getInt(2);
        } else {
            id = params.getInt(1);
            value = argument.read(params, 2);
        }
        authorized(caller, id, right, callersOwnAllowed);
        change.apply(pool(), id, value);
        return OneResult.ok(id);
    }
}
