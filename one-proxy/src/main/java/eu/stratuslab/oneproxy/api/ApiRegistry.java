package eu.stratuslab.oneproxy.api;

import eu.stratuslab.core.Core;
import eu.stratuslab.oneproxy.api.acl.AclMethods;
import eu.stratuslab.oneproxy.api.group.GroupMethods;
import eu.stratuslab.oneproxy.api.host.HostMethods;
import eu.stratuslab.oneproxy.api.image.ImageMethods;
import eu.stratuslab.oneproxy.api.network.NetworkMethods;
import eu.stratuslab.oneproxy.api.user.UserMethods;
import eu.stratuslab.oneproxy.api.vm.VmMethods;
import eu.stratuslab.oneproxy.api.vmtemplate.TemplateMethods;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/** The methods a dispatcher knows, by their XML-RPC name. */
public final class ApiRegistry {
    private final Map<String, ApiMethod> methods = new ConcurrentHashMap<>();

    public void register(ApiMethod m) {
        if (methods.putIfAbsent(m.name(), m) != null) {
            throw new IllegalArgumentException("method registered twice: " + m.name());
        }
    }

    /** null when unknown. */
    public ApiMethod find(String name) {
        return methods.get(name);
    }

    public Set<String> names() {
        return new TreeSet<>(methods.keySet());
    }

    /** Every OpenNebula 3.2 method this project serves. */
    public static ApiRegistry standard(Core core) {
        ApiRegistry r = new ApiRegistry();
        for (List<ApiMethod> methods : List.of(VmMethods.all(core), HostMethods.all(core), NetworkMethods.all(core),
                UserMethods.all(core), GroupMethods.all(core), AclMethods.all(core), ImageMethods.all(core),
                TemplateMethods.all(core))) {
            methods.forEach(r::register);
        }
        return r;
    }
}
