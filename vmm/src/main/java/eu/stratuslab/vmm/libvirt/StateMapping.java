package eu.stratuslab.vmm.libvirt;

import eu.stratuslab.vmm.DomainStatus.State;
import org.libvirt.DomainInfo.DomainState;
import org.libvirt.event.DomainEventType;

/** libvirt's domain states and lifecycle events in the driver API's terms. */
final class StateMapping {
    private StateMapping() {}

    static State fromInfo(DomainState s) {
        if (s == null) {
            return State.RUNNING;
        }
        return switch (s) {
            // BLOCKED means "waiting for I/O", NOSTATE is what some drivers report for a live domain.
            case VIR_DOMAIN_RUNNING, VIR_DOMAIN_BLOCKED, VIR_DOMAIN_NOSTATE -> State.RUNNING;
            case VIR_DOMAIN_PAUSED, VIR_DOMAIN_PMSUSPENDED -> State.PAUSED;
            case VIR_DOMAIN_SHUTDOWN -> State.SHUTDOWN;
            case VIR_DOMAIN_SHUTOFF -> State.SHUTOFF;
            case VIR_DOMAIN_CRASHED -> State.CRASHED;
        };
    }

    /** null for events that do not change the state seen by the core (DEFINED). */
    static State fromEvent(DomainEventType t) {
        if (t == null) {
            return null;
        }
        return switch (t) {
            case STARTED, RESUMED -> State.RUNNING;
            case SUSPENDED, PMSUSPENDED -> State.PAUSED;
            case SHUTDOWN -> State.SHUTDOWN;
            case STOPPED -> State.SHUTOFF;
            case CRASHED -> State.CRASHED;
            case UNDEFINED -> State.MISSING;
            case DEFINED, UNKNOWN -> null;
        };
    }
}
