package eu.stratuslab.vmm;

/** A hypervisor operation failed, timed out, or was given bad input. The message is meant for VM logs. */
public class DriverException extends Exception {
    public DriverException(String message, Throwable cause) {
        super(message, cause);
    }

    public DriverException(String message) {
        super(message);
    }
}
