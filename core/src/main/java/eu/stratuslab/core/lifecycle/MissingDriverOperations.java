package eu.stratuslab.core.lifecycle;

/**
 * Used for a host whose VMM driver has no registered {@link VmOperations}: nothing can run there,
 * so starting fails the VM with a clear message, stopping returns the VM to RUNNING and clean-up
 * succeeds (there is nothing to clean).
 */
final class MissingDriverOperations extends DummyVmOperations {
    MissingDriverOperations(String vmmMad) {
        super("No VM manager for driver " + vmmMad);
    }
}
