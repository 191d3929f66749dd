package eu.stratuslab.core.lifecycle;

import eu.stratuslab.core.vm.VirtualMachine;

/**
 * What happens when a VM fails to boot on a host it never ran on: the scheduler may try it on
 * another host (the VM returns to PENDING in the same stored change, so no client ever sees it
 * FAILED) or the VM fails. The default never retries.
 */
public interface DeployFailurePolicy {
    DeployFailurePolicy NEVER = (vm, hostId) -> false;

    /**
     * Called inside the state change; must be quick and must not call back into the lifecycle.
     *
     * @return true to return the VM to PENDING, false to fail it
     */
    boolean retryElsewhere(VirtualMachine vm, int hostId);

    /** Called after the VM is stored back in PENDING (e.g. to ask the scheduler for a pass). */
    default void retried(int vmId) {
    }
}
