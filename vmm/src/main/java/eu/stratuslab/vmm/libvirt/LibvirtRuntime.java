package eu.stratuslab.vmm.libvirt;

import com.sun.jna.Pointer;
import org.libvirt.Connect;
import org.libvirt.Library;
import org.libvirt.LibvirtException;
import org.libvirt.jna.Libvirt;
import org.libvirt.jna.virError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Process-wide libvirt set-up, done once before the first connection is opened: libvirt's own
 * error printing is silenced (errors reach us as exceptions) and one daemon thread runs libvirt's
 * default event loop, which the lifecycle events and connection keep-alives need.
 */
final class LibvirtRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(LibvirtRuntime.class);

    /** Held strongly: JNA callbacks that are garbage-collected crash the JVM when libvirt calls them. */
    private static final Libvirt.VirErrorCallback SILENT = LibvirtRuntime::ignoreError;

    private static volatile boolean started;

    private LibvirtRuntime() {}

    static synchronized void ensureStarted() throws LibvirtException {
        if (started) {
            return;
        }
        Connect.setErrorCallback(SILENT);
        Library.initEventLoop();
        Thread loop = new Thread(LibvirtRuntime::runLoop, "vmm-libvirt-event-loop");
        loop.setDaemon(true);
        loop.start();
        started = true;
    }

    private static void runLoop() {
        while (true) {
            try {
                Library.runEventLoop();
                return; // stopEventLoop was called
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (LibvirtException e) {
                LOG.warn("libvirt event loop iteration failed: {}", e.getMessage());
            }
        }
    }

    @SuppressWarnings("unused")
    private static void ignoreError(Pointer userData, virError error) {
        // Intentionally empty: the failing call throws a LibvirtException carrying the same error.
    }
}
