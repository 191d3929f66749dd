package eu.stratuslab.core.lifecycle;

import eu.stratuslab.core.vm.VirtualMachine;

/**
 * The VM hook points of oned's VM_HOOK (hooks.md): called after the VM has been stored in its new
 * state, outside any lock, on the thread that made the change. Implementations must not block for
 * long (run scripts asynchronously) and must not throw; an exception is logged and ignored.
 * Issue 3 plugs command hooks (and the prolog/epilog hooks) in here.
 */
public interface VmHookListener {
    /** The VM was allocated (PENDING). */
    default void onCreate(VirtualMachine vm) {
    }

    /**
     * The VM became PENDING again after it was allocated: release of a held VM, resume of a STOPPED
     * VM, resubmit, or a failed deploy sent back to the scheduler. Not an OpenNebula hook point (no
     * command hook runs); the scheduler uses it to place the VM at once, as after allocate.
     */
    default void onPending(VirtualMachine vm) {
    }

    /** The VM reached ACTIVE/RUNNING after a boot (not after a reboot). */
    default void onRunning(VirtualMachine vm) {
    }

    /** The guest stopped after shutdown or cancel; the epilog starts (ACTIVE/EPILOG). */
    default void onShutdown(VirtualMachine vm) {
    }

    /** The VM reached STOPPED. */
    default void onStop(VirtualMachine vm) {
    }

    /** The VM reached DONE (any route). */
    default void onDone(VirtualMachine vm) {
    }

    /** The VM reached FAILED; TEMPLATE/ERROR/MESSAGE says why. */
    default void onFailed(VirtualMachine vm) {
    }
}
