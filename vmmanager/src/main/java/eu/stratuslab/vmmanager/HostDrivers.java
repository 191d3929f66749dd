package eu.stratuslab.vmmanager;

import eu.stratuslab.core.host.Host;
import eu.stratuslab.core.host.HostPool;
import eu.stratuslab.core.vm.HistoryRecord;
import eu.stratuslab.template.Attribute;
import eu.stratuslab.template.SingleAttribute;
import eu.stratuslab.vmm.DomainStatus;
import eu.stratuslab.vmm.DriverException;
import eu.stratuslab.vmm.DriverRegistry;
import eu.stratuslab.vmm.HypervisorDriver;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The driver of a VM's host (from its history record), from the process-wide
 * {@link DriverRegistry}. The first time a driver is handed out, the VM manager's event listener
 * is attached to it, so that domain events of every host in use reach {@link DomainEventSink}.
 */
final class HostDrivers {
    /** Receives the lifecycle events of the domains of one host. */
    interface DomainEventSink {
        void onDomainEvent(String hostName, String deployId, DomainStatus.State state);
    }

    /** A driver with what the domain builder needs to know about its host. */
    record Binding(HypervisorDriver driver, String hostName, String uri, String hypervisorType) {
    }

    private final HostPool hosts;
    private final DriverRegistry registry;
    private final DomainEventSink sink;
    private final Set<HypervisorDriver> listening = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));

    HostDrivers(HostPool hosts, DriverRegistry registry, DomainEventSink sink) {
        this.hosts = hosts;
        this.registry = registry;
        this.sink = sink;
    }

    Binding forHistory(HistoryRecord h) throws DriverException {
        if (h == null) {
            throw new DriverException("the VM has no host", null);
        }
        Host host = hosts.byId(h.hid());
        Map<String, String> attributes = host == null ? Map.of() : attributes(host);
        return bind(h.hostname(), h.vmmMad(), attributes);
    }

    /** The libvirt URI of a VM's host, without opening a connection (null without a history record). */
    String uriOf(HistoryRecord h) {
        if (h == null) {
            return null;
        }
        Host host = hosts.byId(h.hid());
        return DriverRegistry.libvirtUri(h.hostname(), host == null ? Map.of() : attributes(host));
    }

    Binding forHost(Host host) throws DriverException {
        return bind(host.name(), host.vmMad(), attributes(host));
    }

    private Binding bind(String hostName, String vmmMad, Map<String, String> attributes) throws DriverException {
        HypervisorDriver d = registry.driverFor(hostName, vmmMad, attributes);
        if (listening.add(d)) {
            d.addEventListener((deployId, state) -> sink.onDomainEvent(hostName, deployId, state));
        }
        return new Binding(d, hostName, DriverRegistry.libvirtUri(hostName, attributes), attributes.get("HYPERVISOR_TYPE"));
    }

    private static Map<String, String> attributes(Host host) {
        Map<String, String> m = new HashMap<>();
        for (Attribute a : host.template().attributes()) {
            if (a instanceof SingleAttribute s) {
                m.putIfAbsent(s.name(), s.value());
            }
        }
        return m;
    }
}
