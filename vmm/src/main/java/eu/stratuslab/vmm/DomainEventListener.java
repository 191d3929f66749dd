package eu.stratuslab.vmm;

/** Receives lifecycle changes of domains (started, stopped, crashed, suspended, resumed, undefined). */
@FunctionalInterface
public interface DomainEventListener {
    /** {@code newState} is MISSING when the domain was undefined. */
    void onEvent(String deployId, DomainStatus.State newState);
}
