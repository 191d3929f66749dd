package eu.stratuslab.core.pool;

import eu.stratuslab.core.auth.Permissions;

/** VMs, networks, images and templates: an owner, a group and nine permission bits. */
public interface OwnedObject extends PoolObject {
    int uid();

    int gid();

    Permissions permissions();
}
