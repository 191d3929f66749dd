package eu.stratuslab.core.vmmanager;

import eu.stratuslab.core.OneException;
import eu.stratuslab.core.lifecycle.Lifecycle;
import eu.stratuslab.core.lifecycle.VmHookListener;
import eu.stratuslab.core.scheduler.Scheduler;
import eu.stratuslab.core.vm.HistoryRecord;
import eu.stratuslab.core.vm.VirtualMachine;
import eu.stratuslab.template.VectorAttribute;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler side of "a failed deploy is retried on the next candidate host": when a VM fails
 * to boot on a host it never ran on, that host is added to the VM's avoid set and, if the
 * scheduler still has an untried host, the VM goes back to PENDING for the next pass; otherwise
 * it stays FAILED.
 *
 * <p>Interim form: until the lifecycle asks {@link #retryElsewhere} itself on {@code bootFailed}
 * (see docs/vm-manager.md), this listener reacts to the FAILED hook and resubmits the VM, so a
 * client polling at that instant may see FAILED briefly. Prolog failures are not retried: the
 * source forms a prolog refuses are refused on every host.
 */
public final class DeployRetry implements VmHookListener {
    private static final Logger LOG = LoggerFactory.getLogger(DeployRetry.class);

    private final Scheduler scheduler;
    private final Lifecycle lifecycle;

    public DeployRetry(Scheduler scheduler, Lifecycle lifecycle) {
        this.scheduler = scheduler;
        this.lifecycle = lifecycle;
    }

    /**
     * Records that the VM's deploy on {@code hostId} failed; true when another host may still be
     * tried (the caller then returns the VM to PENDING), false when the VM should fail.
     */
    public boolean retryElsewhere(VirtualMachine vm, int hostId) {
        scheduler.deployFailed(vm.id(), hostId);
        return scheduler.hasOtherCandidate(vm);
    }

    @Override
    public void onFailed(VirtualMachine vm) {
        HistoryRecord h = vm.lastHistory();
        VectorAttribute error = vm.template().firstVector("ERROR");
        String message = error == null ? null : error.get("MESSAGE");
        if (h == null || h.runningStart() != 0 || message == null || !message.startsWith("boot:")) {
            return;
        }
        if (!retryElsewhere(vm, h.hid())) {
            LOG.info("VM {}: boot failed on host {} and no other host is left: FAILED", vm.id(), h.hostname());
            return;
        }
        try {
            lifecycle.log().info(vm.id(), "DiM", "boot failed on " + h.hostname() + ", trying another host");
            lifecycle.action("resubmit", vm.id());
            scheduler.requestPass();
        } catch (OneException e) {
            LOG.info("VM {}: cannot return to PENDING for another host: {}", vm.id(), e.getMessage());
        }
    }
}
