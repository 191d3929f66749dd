package eu.stratuslab.vmm.libvirt;

import eu.stratuslab.vmm.DriverException;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The process-wide cache of libvirt connections: one {@link Connect} per URI, shared by every driver
 * that talks to that URI and closed when the last one lets go.
 */
public final class LibvirtConnections {
    private static final Logger LOG = LoggerFactory.getLogger(LibvirtConnections.class);
    private static final Map<String, Lease> OPEN = new HashMap<>();

    private LibvirtConnections() {}

    /** A counted reference to a shared connection. */
    public static final class Lease {
        private final String uri;
        private final Connect connect;
        private int refs;

        private Lease(String uri, Connect connect) {
            this.uri = uri;
            this.connect = connect;
        }

        public String uri() {
            return uri;
        }

        Connect connect() {
            return connect;
        }
    }

    /** Opens the connection, or shares the one already open for {@code uri}. */
    public static Lease acquire(String uri, Duration deadline) throws DriverException {
        synchronized (OPEN) {
            Lease lease = OPEN.get(uri);
            if (lease != null) {
                lease.refs++;
                return lease;
            }
        }
        Connect fresh = LibvirtCalls.withDeadline("open " + uri, deadline, () -> {
            LibvirtRuntime.ensureStarted();
            Connect c = new Connect(uri, false);
            enableKeepAlive(uri, c);
            return c;
        });
        synchronized (OPEN) {
            Lease lease = OPEN.get(uri);
            if (lease == null) {
                lease = new Lease(uri, fresh);
                OPEN.put(uri, lease);
                fresh = null;
            }
            lease.refs++;
            if (fresh != null) {
                closeQuietly(uri, fresh); // another thread opened it meanwhile
            }
            return lease;
        }
    }

    /**
     * Stops handing out this lease's connection (it is dead); the next {@link #acquire} opens a new
     * one. Holders keep theirs until they release it.
     */
    public static void evict(Lease lease) {
        synchronized (OPEN) {
            OPEN.remove(lease.uri, lease);
        }
    }

    /** Gives back a lease; the connection is closed when nobody holds it any more. */
    public static void release(Lease lease) {
        synchronized (OPEN) {
            if (--lease.refs > 0) {
                return;
            }
            OPEN.remove(lease.uri, lease);
        }
        closeQuietly(lease.uri, lease.connect);
    }

    /** Number of open shared connections (for tests and diagnostics). */
    public static int openCount() {
        synchronized (OPEN) {
            return OPEN.size();
        }
    }

    /** Remote connections probe the daemon every 5 s and count as dead after 3 unanswered probes. */
    private static void enableKeepAlive(String uri, Connect c) {
        try {
            c.setKeepAlive(5, 3);
        } catch (LibvirtException e) {
            LOG.debug("no keep-alive on {}: {}", uri, e.getMessage()); // local drivers do not need one
        }
    }

    private static void closeQuietly(String uri, Connect c) {
        try {
            LibvirtCalls.withDeadline("close " + uri, Duration.ofSeconds(10), c::close);
        } catch (DriverException e) {
            LOG.warn("closing libvirt connection {} failed: {}", uri, e.getMessage());
        }
    }
}
