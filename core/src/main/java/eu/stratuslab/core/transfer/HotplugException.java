package eu.stratuslab.core.transfer;

/** A hot-plug that was refused or failed; {@link #reason()} tells pdisk which HTTP status to answer. */
public final class HotplugException extends Exception {

    public enum Reason {
        /** no such VM (404) */
        UNKNOWN_VM,
        /** the VM belongs to someone else (403) */
        FORBIDDEN,
        /** the VM is not RUNNING, or has no free device (409) */
        CONFLICT,
        /** the node or the hypervisor failed (500) */
        FAILED
    }

    private final Reason reason;

    public HotplugException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public HotplugException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
