package eu.stratuslab.oneproxy.api;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.core.auth.ObjectType;
import eu.stratuslab.core.group.Group;
import eu.stratuslab.core.group.GroupPool;
import eu.stratuslab.core.host.Host;
import eu.stratuslab.core.host.HostPool;
import eu.stratuslab.core.image.Image;
import eu.stratuslab.core.image.ImagePool;
import eu.stratuslab.core.network.NetworkPool;
import eu.stratuslab.core.network.VirtualNetwork;
import eu.stratuslab.core.user.User;
import eu.stratuslab.core.user.UserPool;
import eu.stratuslab.core.vm.VirtualMachine;
import eu.stratuslab.core.vm.VmPool;
import eu.stratuslab.core.vmtemplate.VmTemplate;
import eu.stratuslab.core.vmtemplate.VmTemplatePool;
import eu.stratuslab.oneproxy.api.family.ObjectKind;

/** The object types of the API as the request families see them (xmlrpc-api.md §4). */
public final class Kinds {
    public static final ObjectKind<VirtualMachine, VmPool> VM = ObjectKind.owned("vm", "VirtualMachine",
            "virtual machine", ObjectType.VM, Core::vms, VmPool::get, (pool, vm) -> vm.infoXml());
    public static final ObjectKind<Image, ImagePool> IMAGE = ObjectKind.owned("image", "Image",
            "image", ObjectType.IMAGE, Core::images, ImagePool::get, (pool, i) -> pool.document(i.id()));
    public static final ObjectKind<VmTemplate, VmTemplatePool> TEMPLATE = ObjectKind.owned("template", "Template",
            "virtual machine template", ObjectType.TEMPLATE, Core::templates, VmTemplatePool::get,
            (pool, t) -> pool.document(t.id()));
    public static final ObjectKind<VirtualNetwork, NetworkPool> NETWORK = ObjectKind.owned("vn", "VirtualNetwork",
            "virtual network", ObjectType.NET, Core::networks, NetworkPool::get, (pool, n) -> pool.document(n.id()));
    public static final ObjectKind<Host, HostPool> HOST = ObjectKind.unowned("host", "Host",
            "host", ObjectType.HOST, Core::hosts, HostPool::get, (pool, h) -> h.document());
    public static final ObjectKind<User, UserPool> USER = ObjectKind.adminManaged("user", "User",
            "user", ObjectType.USER, Core::users, UserPool::get, (pool, u) -> pool.document(u.id()), Caller::uid);
    public static final ObjectKind<Group, GroupPool> GROUP = ObjectKind.adminManaged("group", "Group",
            "group", ObjectType.GROUP, Core::groups, GroupPool::get, (pool, g) -> pool.document(g.id()), Caller::gid);

    private Kinds() {
    }
}
