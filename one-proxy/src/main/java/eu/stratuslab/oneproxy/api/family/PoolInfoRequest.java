package eu.stratuslab.oneproxy.api.family;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.OneException;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.core.auth.PoolFilter;
import eu.stratuslab.oneproxy.api.Requests;
import eu.stratuslab.xmlrpc.OneResult;
import eu.stratuslab.xmlrpc.Params;
import eu.stratuslab.xmlrpc.XmlRpcFault;
import eu.stratuslab.xmlrpc.XmlRpcText;
import java.util.function.IntPredicate;

/**
 * {@code one.<kind>pool.info(S, ...)} → the pool document (oned's {@code RequestManagerPoolInfoFilter});
 * the kind's pool decides which objects the caller sees. Listings are assembled under a
 * {@link ListingGate}.
 */
public final class PoolInfoRequest<T, P> extends ObjectRequest<T, P> {
    /** The pool document for {@code caller} and the call's parameters. */
    @FunctionalInterface
    public interface Listing<P> {
        String document(P pool, Caller caller, Params params) throws OneException, XmlRpcFault;
    }

    /** A pool listing with oned's (filter, startId, endId). */
    @FunctionalInterface
    public interface Filtered<P> {
        String document(P pool, Caller caller, PoolFilter filter);
    }

    /** A pool listing of the ids a predicate lets through. */
    @FunctionalInterface
    public interface Visible<P> {
        String document(P pool, IntPredicate visible);
    }

    /** A pool listing assembled from encoded parts (one.vmpool.info: a cached part per VM, see {@link XmlRpcText}). */
    @FunctionalInterface
    public interface Encoded<P> {
        XmlRpcText document(P pool, Caller caller, Params params) throws OneException, XmlRpcFault;
    }

    /** The answer of either kind of listing. */
    @FunctionalInterface
    private interface Answer<P> {
        OneResult answer(P pool, Caller caller, Params params) throws OneException, XmlRpcFault;
    }

    private final Answer<P> answer;
    private final ListingGate gate;

    public PoolInfoRequest(Core core, ObjectKind<T, P> kind, Listing<P> listing) {
        this(core, kind, ListingGate.SHARED,
                (pool, caller, params) -> OneResult.ok(listing.document(pool, caller, params)));
    }

    private PoolInfoRequest(Core core, ObjectKind<T, P> kind, ListingGate gate, Answer<P> answer) {
        super(core, kind, kind.poolRequest("info", "PoolInfo"));
        this.answer = answer;
        this.gate = gate;
    }

    /** A listing answered in its encoded parts, assembled when {@code gate} lets it. */
    public static <T, P> PoolInfoRequest<T, P> encoded(Core core, ObjectKind<T, P> kind, ListingGate gate,
                                                        Encoded<P> listing) {
        return new PoolInfoRequest<>(core, kind, gate,
                (pool, caller, params) -> OneResult.ok(listing.document(pool, caller, params)));
    }

    /** {@code (S, filter, startId, endId)}, missing trailing ints are -1 (xmlrpc-api.md §3.2). */
    public static <T, P> PoolInfoRequest<T, P> filtered(Core core, ObjectKind<T, P> kind, Filtered<P> listing) {
        return new PoolInfoRequest<>(core, kind,
                (pool, caller, params) -> listing.document(pool, caller, Requests.poolFilter(params, 1)));
    }

    /** {@code (S)}: everything for group 0, the caller's own user or group otherwise. */
    public static <T, P> PoolInfoRequest<T, P> ownOrAll(Core core, ObjectKind<T, P> kind, Visible<P> listing) {
        return new PoolInfoRequest<>(core, kind, (pool, caller, params) -> {
            boolean admin = caller.isAdmin();
            return listing.document(pool, id -> admin || kind.isCallersOwn(caller, id));
        });
    }

    @Override
    public OneResult call(Caller caller, Params params) throws OneException, XmlRpcFault {
        // at most the gate's bound of listings walk their pool at once; the rest queue (issue 14 item 7)
        return gate.assemble(() -> answer.answer(pool(), caller, params));
    }
}
