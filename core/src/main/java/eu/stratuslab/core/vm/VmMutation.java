package eu.stratuslab.core.vm;

import eu.stratuslab.core.OneException;

/** A change applied to a VM draft under the VM's lock (see {@link VmPool#update}). */
@FunctionalInterface
public interface VmMutation {
    /**
     * Changes {@code draft}. Throwing discards the draft: nothing is stored and the published VM
     * stays as it was.
     */
    void apply(VirtualMachine draft) throws OneException;
}
