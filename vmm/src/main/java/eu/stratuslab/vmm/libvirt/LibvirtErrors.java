package eu.stratuslab.vmm.libvirt;

import org.libvirt.Error;
import org.libvirt.LibvirtException;

/** Reading libvirt errors. */
final class LibvirtErrors {
    private LibvirtErrors() {}

    static boolean isNoDomain(LibvirtException e) {
        return code(e) == Error.ErrorNumber.VIR_ERR_NO_DOMAIN;
    }

    /** "domain is not running" and similar: the domain is not in a state the call applies to. */
    static boolean isInvalidOperation(LibvirtException e) {
        return code(e) == Error.ErrorNumber.VIR_ERR_OPERATION_INVALID;
    }

    static boolean isUnsupported(LibvirtException e) {
        Error.ErrorNumber c = code(e);
        return c == Error.ErrorNumber.VIR_ERR_NO_SUPPORT || c == Error.ErrorNumber.VIR_ERR_ARGUMENT_UNSUPPORTED;
    }

    static String message(LibvirtException e) {
        Error err = e.getError();
        String m = err == null ? null : err.getMessage();
        return m == null || m.isBlank() ? String.valueOf(e.getMessage()) : m;
    }

    private static Error.ErrorNumber code(LibvirtException e) {
        Error err = e.getError();
        return err == null ? null : err.getCode();
    }
}
