package eu.stratuslab.core.vmmanager;

import eu.stratuslab.vmm.DriverException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every hypervisor driver call of the VM manager goes through here with a deadline, so that a
 * node that stops answering can hold up a worker for at most that long. (The libvirt driver has
 * its own deadlines; this one also covers other drivers and JNA calls that never return.)
 */
final class DriverCalls implements AutoCloseable {
    interface Call<T> {
        T call() throws DriverException;
    }

    interface VoidCall {
        void call() throws DriverException;
    }

    private final ExecutorService pool;

    DriverCalls() {
        AtomicInteger n = new AtomicInteger();
        pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "vm-manager-driver-call-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    <T> T call(String what, Duration timeout, Call<T> call) throws DriverException {
        Future<T> f = pool.submit(call::call);
        try {
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new DriverException(what + ": no answer from the hypervisor within " + timeout.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new DriverException(what + ": interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof DriverException d) {
                throw d;
            }
            throw new DriverException(what + ": " + cause, cause);
        }
    }

    void run(String what, Duration timeout, VoidCall call) throws DriverException {
        call(what, timeout, () -> {
            call.call();
            return null;
        });
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
