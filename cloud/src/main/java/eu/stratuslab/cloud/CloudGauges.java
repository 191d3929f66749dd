package eu.stratuslab.cloud;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.host.HostState;
import eu.stratuslab.core.vm.VmState;
import eu.stratuslab.infra.metrics.Metrics;
import eu.stratuslab.pdisk.PdiskServices;
import eu.stratuslab.pdisk.model.Disk;
import eu.stratuslab.pdisk.model.DiskType;
import eu.stratuslab.pdisk.service.Caller;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gauges of the cloud's state (docs/metrics.md), read at every scrape from the pools and from
 * pdisk's tables: VMs and hosts per state, pdisk volumes per type and their mounts, and the
 * quarantine (volumes with a quarantine stamp, and their size). A gauge whose source fails reads
 * NaN, so one broken part does not hide the others.
 */
final class CloudGauges {
    private static final Logger LOG = LoggerFactory.getLogger(CloudGauges.class);
    /** pdisk's view of every volume, whoever owns it. */
    private static final Caller PDISK_SUPERUSER = new Caller("stratuslab-metrics", "stratuslab-metrics", true);

    private CloudGauges() {
    }

    static void bind(Metrics metrics, Core core, PdiskServices pdisk) {
        MeterRegistry r = metrics.registry();
        for (VmState state : VmState.values()) {
            gauge(r, "stratuslab.vms", "VMs per state", () -> core.vms().inState(state).size(), "state", state.name());
        }
        for (HostState state : HostState.values()) {
            gauge(r, "stratuslab.hosts", "hosts per state",
                    () -> core.hosts().all().stream().filter(h -> h.state() == state).count(), "state", state.name());
        }
        for (DiskType type : DiskType.values()) {
            gauge(r, "stratuslab.pdisk.volumes", "pdisk volumes per type",
                    () -> disks(pdisk).stream().filter(d -> d.type() == type).count(), "type", type.name());
        }
        gauge(r, "stratuslab.pdisk.mounts", "volumes mounted in VMs", () -> pdisk.mounts().instances().stream()
                .mapToInt(vm -> pdisk.mounts().listForInstance(vm).size()).sum());
        gauge(r, "stratuslab.quarantine.volumes", "volumes in quarantine",
                () -> quarantined(pdisk).size());
        gauge(r, "stratuslab.quarantine.size.gigabytes", "size of the volumes in quarantine (GB)",
                () -> quarantined(pdisk).stream().mapToLong(Disk::size).sum());
    }

    private static List<Disk> disks(PdiskServices pdisk) {
        return pdisk.disks().list(PDISK_SUPERUSER);
    }

    private static List<Disk> quarantined(PdiskServices pdisk) {
        return disks(pdisk).stream().filter(d -> !d.quarantine().isEmpty()).toList();
    }

    private static void gauge(MeterRegistry r, String name, String help, Supplier<Number> value, String... tags) {
        ToDoubleFunction<Supplier<Number>> read = s -> {
            try {
                return s.get().doubleValue();
            } catch (RuntimeException e) {
                LOG.warn("metric {} unavailable: {}", name, e.toString());
                return Double.NaN;
            }
        };
        Gauge.builder(name, value, read).description(help).tags(tags).strongReference(true).register(r);
    }
}
