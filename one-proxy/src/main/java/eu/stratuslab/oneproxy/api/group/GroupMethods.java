package eu.stratuslab.oneproxy.api.group;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.auth.Right;
import eu.stratuslab.core.group.GroupPool;
import eu.stratuslab.oneproxy.api.ApiMethod;
import eu.stratuslab.oneproxy.api.Kinds;
import eu.stratuslab.oneproxy.api.family.AllocateRequest;
import eu.stratuslab.oneproxy.api.family.DeleteRequest;
import eu.stratuslab.oneproxy.api.family.InfoRequest;
import eu.stratuslab.oneproxy.api.family.PoolInfoRequest;
import eu.stratuslab.xmlrpc.Params;
import java.util.List;

/**
 * The one.group.* and one.grouppool.* methods (xmlrpc-api.md §4.4): group 0 only, except that a
 * user reads its own group ({@code -1} = the caller's). System groups and groups with members are kept.
 */
public final class GroupMethods {
    private GroupMethods() {
    }

    public static List<ApiMethod> all(Core core) {
        return List.of(
                new AllocateRequest<>(core, Kinds.GROUP, Params::getString, (pool, caller, name) -> pool.allocate(name)),
                new DeleteRequest<>(core, Kinds.GROUP, Right.ADMIN, GroupPool::delete),
                new InfoRequest<>(core, Kinds.GROUP),
                PoolInfoRequest.ownOrAll(core, Kinds.GROUP, GroupPool::poolDocument));
    }
}
