package eu.stratuslab.oneproxy.api.family;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.auth.Right;
import eu.stratuslab.core.pool.OwnedObjectPool;
import eu.stratuslab.core.pool.OwnedPoolObject;
import eu.stratuslab.oneproxy.api.ApiMethod;
import java.util.ArrayList;
import java.util.List;

/** The methods every owned type (image, template, network) has, from its kind alone. */
public final class OwnedFamilies {
    private OwnedFamilies() {
    }

    /**
     * {@code allocate}, {@code delete} (MANAGE), {@code info}, {@code update} (MANAGE), {@code chown},
     * {@code chmod} and the filtered pool listing, followed by the type's {@code own} methods.
     */
    public static <T extends OwnedPoolObject, P extends OwnedObjectPool<T>> List<ApiMethod> with(Core core,
            ObjectKind<T, P> kind, ApiMethod... own) {
        List<ApiMethod> methods = new ArrayList<>(List.of(
                AllocateRequest.fromTemplate(core, kind, (pool, caller, template) -> pool.allocate(caller, template)),
                new DeleteRequest<>(core, kind, Right.MANAGE, OwnedObjectPool::delete),
                new InfoRequest<>(core, kind),
                ChangeRequest.update(core, kind, Right.MANAGE, OwnedObjectPool::update),
                new ChownRequest<>(core, kind, OwnedObjectPool::chown),
                new ChmodRequest<>(core, kind, OwnedObjectPool::chmod),
                PoolInfoRequest.filtered(core, kind, OwnedObjectPool::poolDocument)));
        methods.addAll(List.of(own));
        return methods;
    }
}
