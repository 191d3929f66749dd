package eu.stratuslab.oneproxy.api.family;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.OneException;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.oneproxy.api.Requests;
import eu.stratuslab.template.Template;
import eu.stratuslab.xmlrpc.OneResult;
import eu.stratuslab.xmlrpc.Params;
import eu.stratuslab.xmlrpc.XmlRpcFault;

/**
 * {@code one.<kind>.allocate(S, arguments...)} → new id (oned's {@code RequestManagerAllocate}): the
 * arguments are read (a template is parsed) first, then CREATE on the type is checked.
 *
 * @param <A> what the arguments are read into
 */
public final class AllocateRequest<T, P, A> extends ObjectRequest<T, P> {
    /** Creates the object for its owner; the pool checks what the arguments must hold. */
    @FunctionalInterface
    public interface Creation<P, A> {
        int create(P pool, Caller owner, A arguments) throws OneException;
    }

    private final Argument<A> arguments;
    private final Creation<P, A> creation;
    private final boolean checksCreate;

    public AllocateRequest(Core core, ObjectKind<T, P> kind, Argument<A> arguments, Creation<P, A> creation) {
        this(core, kind, arguments, creation, true);
    }

    private AllocateRequest(Core core, ObjectKind<T, P> kind, Argument<A> arguments, Creation<P, A> creation,
                            boolean checksCreate) {
        super(core, kind, kind.request("allocate", "Allocate"));
        this.arguments = arguments;
        this.creation = creation;
        this.checksCreate = checksCreate;
    }

    /** For a pool whose allocation checks CREATE itself, in its own order (VMs: after parsing the template). */
    public static <T, P, A> AllocateRequest<T, P, A> checkedByPool(Core core, ObjectKind<T, P> kind,
            Argument<A> arguments, Creation<P, A> creation) {
        return new AllocateRequest<>(core, kind, arguments, creation, false);
    }

    /** {@code (S, template)}: a syntax error is INTERNAL {@code Error allocating a new <noun>. Parse error: ...}. */
    public static <T, P> AllocateRequest<T, P, Template> fromTemplate(Core core, ObjectKind<T, P> kind,
                                                                       Creation<P, Template> creation) {
        String prefix = "Error allocating a new " + kind.noun() + ".";
        return new AllocateRequest<>(core, kind, (params, index) -> Requests.parseTemplate(params.getString(index), prefix),
                creation);
    }

    @Override
    public OneResult call(Caller caller, Params params) throws OneException, XmlRpcFault {
        A values = arguments.read(params, 1);
        if (checksCreate) {
            kind.authorizeCreate(core, caller);
        }
        return OneResult.ok(creation.create(pool(), caller, values));
    }
}
