package eu.stratuslab.vmmanager;

import eu.stratuslab.core.lifecycle.DeployFailurePolicy;
import eu.stratuslab.scheduler.Scheduler;
import eu.stratuslab.core.vm.VirtualMachine;


/**
 * The scheduler side of "a failed deploy is retried on the next candidate host": when a VM fails
 * to boot on a host it never ran on, that host is added to the VM's avoid set and, if the
 * scheduler still has an untried host, the lifecycle returns the VM to PENDING (in the same stored
 * change, so no client sees it FAILED) and the next pass places it elsewhere; otherwise it fails.
 * Prolog failures are not retried: the source forms a prolog refuses are refused on every host.
 */
public final class DeployRetry implements DeployFailurePolicy {
    private final Scheduler scheduler;

    public DeployRetry(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public boolean retryElsewhere(VirtualMachine vm, int hostId) {
        scheduler.deployFailed(vm.id(), hostId);
        return scheduler.hasOtherCandidate(vm);
    }

    @Override
    public void retried(int vmId) {
        scheduler.requestPass(); // the VM is PENDING only now: make sure a pass sees it
    }
}
