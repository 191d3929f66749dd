package eu.stratuslab.oneproxy.api.user;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.auth.Right;
import eu.stratuslab.core.group.Group;
import eu.stratuslab.core.user.UserPool;
import eu.stratuslab.oneproxy.api.ApiMethod;
import eu.stratuslab.oneproxy.api.Kinds;
import eu.stratuslab.oneproxy.api.family.AllocateRequest;
import eu.stratuslab.oneproxy.api.family.ChangeRequest;
import eu.stratuslab.oneproxy.api.family.DeleteRequest;
import eu.stratuslab.oneproxy.api.family.InfoRequest;
import eu.stratuslab.oneproxy.api.family.ObjectRequest.Argument;
import eu.stratuslab.oneproxy.api.family.PoolInfoRequest;
import eu.stratuslab.xmlrpc.Params;
import java.util.List;

/**
 * The one.user.* and one.userpool.* methods (xmlrpc-api.md §4.4): group 0 only, except that a user
 * reads its own entry ({@code -1} = the caller) and changes its own password. oneadmin and
 * serveradmin cannot be deleted; update replaces the template (USER_HOOK UPDATE).
 */
public final class UserMethods {
    private UserMethods() {
    }

    public static List<ApiMethod> all(Core core) {
        return List.of(
                // (S, name, password, driver) ("" = core): the new user joins the caller's group, users for group 0
                new AllocateRequest<>(core, Kinds.USER, Argument.strings(3), (pool, caller, a) -> pool.allocate(
                        a[0], a[1], a[2], caller.gid() == Group.ONEADMIN ? Group.USERS : caller.gid())),
                new DeleteRequest<>(core, Kinds.USER, Right.ADMIN, UserPool::delete),
                new InfoRequest<>(core, Kinds.USER),
                ChangeRequest.update(core, Kinds.USER, Right.MANAGE, UserPool::update),
                new ChangeRequest<>(core, Kinds.USER, "passwd", "ChangePassword", Right.MANAGE, Params::getString,
                        UserPool::setPassword).callersOwnAllowed(),
                new ChangeRequest<>(core, Kinds.USER, "chgrp", "ChangeGroup", Right.MANAGE, Params::getInt,
                        UserPool::changeGroup),
                new ChangeRequest<>(core, Kinds.USER, "chauth", "ChangeAuth", Right.MANAGE, Argument.strings(2),
                        (pool, id, driverAndPassword) -> pool.changeAuth(id, driverAndPassword[0], driverAndPassword[1])),
                PoolInfoRequest.ownOrAll(core, Kinds.USER, UserPool::poolDocument));
    }
}
