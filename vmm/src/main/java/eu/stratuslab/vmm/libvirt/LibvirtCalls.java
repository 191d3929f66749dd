package eu.stratuslab.vmm.libvirt;

import eu.stratuslab.vmm.DeadlineCalls;
import eu.stratuslab.vmm.DriverException;
import java.time.Duration;
import org.libvirt.LibvirtException;

/**
 * Runs libvirt calls with a deadline ({@link DeadlineCalls}); a libvirt error becomes a
 * DriverException with libvirt's message.
 */
final class LibvirtCalls {
    private static final DeadlineCalls CALLS = new DeadlineCalls("vmm-libvirt-call-", "libvirt",
            (what, cause) -> cause instanceof LibvirtException le
                    ? new DriverException(what + ": " + LibvirtErrors.message(le), le)
                    : new DriverException(what + ": " + cause, cause));

    @FunctionalInterface
    interface Call<T> {
        T run() throws LibvirtException, DriverException;
    }

    private LibvirtCalls() {}

    static <T> T withDeadline(String what, Duration deadline, Call<T> call) throws DriverException {
        return CALLS.call(what, deadline, call::run);
    }
}
