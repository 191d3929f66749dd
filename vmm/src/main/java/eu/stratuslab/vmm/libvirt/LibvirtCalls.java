package eu.stratuslab.vmm.libvirt;

import eu.stratuslab.vmm.DriverException;
import org.libvirt.LibvirtException;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs libvirt calls with a deadline. A remote libvirtd (or an ssh tunnel) can stop answering; the
 * caller then gets a DriverException after the deadline instead of a thread blocked for ever.
 * The stuck native call keeps its pool thread until libvirt gives up on its own.
 */
final class LibvirtCalls {
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "vmm-libvirt-call-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    @FunctionalInterface
    interface Call<T> {
        T run() throws LibvirtException, DriverException;
    }

    private LibvirtCalls() {}

    private static String human(Duration d) {
        return d.toMillis() < 1000 ? d.toMillis() + " ms" : d.toSeconds() + " s";
    }

    static <T> T withDeadline(String what, Duration deadline, Call<T> call) throws DriverException {
        Future<T> f = POOL.submit(call::run);
        try {
            return f.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new DriverException(what + ": no answer from libvirt within " + human(deadline), e);
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new DriverException(what + ": interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof DriverException de) {
                throw de;
            }
            if (cause instanceof LibvirtException le) {
                throw new DriverException(what + ": " + LibvirtErrors.message(le), le);
            }
            throw new DriverException(what + ": " + cause, cause);
        }
    }
}
