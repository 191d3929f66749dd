package eu.stratuslab.core.auth;

import eu.stratuslab.core.ErrorCode;
import eu.stratuslab.core.OneException;
import eu.stratuslab.core.pool.OwnedObject;

/**
 * The filter arguments of the pool-info calls (xmlrpc-api.md §5): which owners, and an id range.
 *
 * @param filter -3 mine, -2 all I may use, -1 mine and my group's (GROUP_U), >= 0 that owner
 * @param startId -1 = no lower bound
 * @param endId -1 = no upper bound; only applies when startId != -1
 */
public record PoolFilter(int filter, int startId, int endId) {
    public static final int MINE = -3;
    public static final int ALL = -2;
    public static final int MINE_GROUP = -1;

    /** Validates the flag: values below -3 give XML_RPC_API {@code Incorrect filter_flag}. */
    public static PoolFilter of(int filter, int startId, int endId) throws OneException {
        if (filter < MINE) {
            throw new OneException(ErrorCode.XML_RPC_API, "Incorrect filter_flag");
        }
        return new PoolFilter(filter, startId, endId);
    }

    public boolean inRange(int id) {
        if (startId == -1) {
            return true;
        }
        return id >= startId && (endId == -1 || id <= endId);
    }

    /** Whether {@code o} belongs in the answer for {@code caller} (range checked separately). */
    public boolean accepts(Caller caller, ObjectType type, OwnedObject o, Authorizer authorizer) {
        return switch (filter) {
            case MINE -> o.uid() == caller.uid();
            case ALL -> authorizer.canUse(caller, type, o);
            case MINE_GROUP -> o.uid() == caller.uid()
                    || (o.gid() == caller.gid() && o.permissions().groupU() == 1);
            default -> o.uid() == filter && authorizer.canUse(caller, type, o);
        };
    }

    public boolean matches(Caller caller, ObjectType type, OwnedObject o, Authorizer authorizer) {
        return inRange(o.id()) && accepts(caller, type, o, authorizer);
    }
}
