package eu.stratuslab.core.transfer;

import eu.stratuslab.infra.CodedException;

/**
 * A hot-plug that was refused or failed; {@link #reason()} tells pdisk which HTTP status to answer,
 * and {@link #code()} is that status.
 */
public final class HotplugException extends CodedException {
    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** no such VM */
        UNKNOWN_VM(404),
        /** the VM belongs to someone else */
        FORBIDDEN(403),
        /** the VM is not RUNNING, or has no free device */
        CONFLICT(409),
        /** the node or the hypervisor failed */
        FAILED(500);

        private final int httpStatus;

        Reason(int httpStatus) {
            this.httpStatus = httpStatus;
        }
    }

    private final Reason reason;

    public HotplugException(Reason reason, String message) {
        super(reason.httpStatus, message);
        this.reason = reason;
    }

    public HotplugException(Reason reason, String message, Throwable cause) {
        super(reason.httpStatus, message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
