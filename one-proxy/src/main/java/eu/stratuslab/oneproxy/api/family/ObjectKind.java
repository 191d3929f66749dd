package eu.stratuslab.oneproxy.api.family;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.OneException;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.core.auth.ObjectType;
import eu.stratuslab.core.pool.OwnedObject;
import eu.stratuslab.oneproxy.api.RequestName;
import eu.stratuslab.oneproxy.api.Requests;
import eu.stratuslab.core.auth.Right;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * What a request family needs to know about one object type, as the pool and {@code auth_object}
 * an oned {@code Request} subclass sets in its constructor: its method and tag names, its pool, how
 * to find an object and how to check a right on it. Three ways to check a right exist in 3.2:
 * permissions of an owned object (VMs, images, templates, networks), ACLs alone (hosts) and
 * "group 0 only, except for one's own account or group" (users, groups).
 *
 * @param <T> the object
 * @param <P> its pool
 */
public abstract class ObjectKind<T, P> {
    /** {@code pool.get(id)}: the object, or NO_EXISTS. */
    @FunctionalInterface
    public interface Lookup<P, T> {
        T get(P pool, int id) throws OneException;
    }

    /** The {@code one.<kind>.info} document of an object. */
    @FunctionalInterface
    public interface Render<P, T> {
        String document(P pool, T object) throws OneException;
    }

    private final String method;
    private final String tag;
    private final String noun;
    private final ObjectType type;
    private final Function<Core, P> pool;
    private final Lookup<P, T> lookup;
    private final Render<P, T> render;

    private ObjectKind(String method, String tag, String noun, ObjectType type, Function<Core, P> pool,
                       Lookup<P, T> lookup, Render<P, T> render) {
        this.method = method;
        this.tag = tag;
        this.noun = noun;
        this.type = type;
        this.pool = pool;
        this.lookup = lookup;
        this.render = render;
    }

    /**
     * An object with owner, group and permissions.
     *
     * @param method the middle of the method names ({@code vn} in {@code one.vn.info})
     * @param tag the start of oned's request-class names ({@code VirtualNetwork} in {@code VirtualNetworkInfo})
     * @param noun as error messages name the type ({@code virtual network})
     */
    public static <T extends OwnedObject, P> ObjectKind<T, P> owned(String method, String tag, String noun,
            ObjectType type, Function<Core, P> pool, Lookup<P, T> lookup, Render<P, T> render) {
        return new ObjectKind<>(method, tag, noun, type, pool, lookup, render) {
            @Override
            public void authorize(Core core, Caller caller, T object, int id, Right right) throws OneException {
                core.authorizer().authorize(caller, type(), object, right);
            }
        };
    }

    /** An object without owner (hosts): ACL rules alone decide. */
    public static <T, P> ObjectKind<T, P> unowned(String method, String tag, String noun, ObjectType type,
            Function<Core, P> pool, Lookup<P, T> lookup, Render<P, T> render) {
        return new ObjectKind<>(method, tag, noun, type, pool, lookup, render) {
            @Override
            public void authorize(Core core, Caller caller, T object, int id, Right right) throws OneException {
                core.authorizer().authorizeUnowned(caller, type(), id, right);
            }
        };
    }

    /**
     * Users and groups: managed by group 0 only (xmlrpc-api.md §4.4); {@code own} is the caller's
     * own id of this type, which {@code -1} stands for and which the caller may read.
     */
    public static <T, P> ObjectKind<T, P> adminManaged(String method, String tag, String noun, ObjectType type,
            Function<Core, P> pool, Lookup<P, T> lookup, Render<P, T> render, ToIntFunction<Caller> own) {
        return new ObjectKind<>(method, tag, noun, type, pool, lookup, render) {
            @Override
            public void authorize(Core core, Caller caller, T object, int id, Right right) throws OneException {
                Requests.requireAdmin(caller, right, type(), id);
            }

            @Override
            public void authorizeCreate(Core core, Caller caller) throws OneException {
                Requests.requireAdmin(caller, Right.CREATE, type(), -1);
            }

            @Override
            public int resolveId(Caller caller, int requested) {
                return requested == -1 ? own.applyAsInt(caller) : requested;
            }

            @Override
            public boolean isCallersOwn(Caller caller, int id) {
                return id == own.applyAsInt(caller);
            }
        };
    }

    /** AUTHORIZATION unless {@code caller} has {@code right} on the object. */
    public abstract void authorize(Core core, Caller caller, T object, int id, Right right) throws OneException;

    /** AUTHORIZATION unless {@code caller} may create an object of this type. */
    public void authorizeCreate(Core core, Caller caller) throws OneException {
        core.authorizer().authorizeCreate(caller, type);
    }

    /** The id an info request asks for: {@code -1} means the caller's own user or group. */
    public int resolveId(Caller caller, int requested) {
        return requested;
    }

    /** The caller's own user or group, which it may read without a right. */
    public boolean isCallersOwn(Caller caller, int id) {
        return false;
    }

    /** {@code one.<kind>.<operation>}, tagged {@code <Kind><tagOperation>}. */
    public final RequestName request(String operation, String tagOperation) {
        return new RequestName("one." + method + "." + operation, tag + tagOperation);
    }

    /** {@code one.<kind>pool.<operation>}, tagged {@code <Kind><tagOperation>}. */
    public final RequestName poolRequest(String operation, String tagOperation) {
        return new RequestName("one." + method + "pool." + operation, tag + tagOperation);
    }

    public final String noun() {
        return noun;
    }

    public final ObjectType type() {
        return type;
    }

    public final P pool(Core core) {
        return pool.apply(core);
    }

    public final T get(Core core, int id) throws OneException {
        return lookup.get(pool(core), id);
    }

    public final String document(Core core, T object) throws OneException {
        return render.document(pool(core), object);
    }
}
