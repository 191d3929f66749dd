package eu.stratuslab.vmm.libvirt;

import eu.stratuslab.vmm.DriverException;
import org.junit.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

public class LibvirtCallsTest {

    @Test
    public void aCallThatHangsFailsAtTheDeadline() {
        CountDownLatch never = new CountDownLatch(1);
        DriverException e = assertThrows(DriverException.class,
                () -> LibvirtCalls.withDeadline("probe stuck-host", Duration.ofMillis(200), () -> {
                    try {
                        never.await();
                    } catch (InterruptedException cancelled) {
                        Thread.currentThread().interrupt();
                    }
                    return null;
                }));
        assertEquals("probe stuck-host: no answer from libvirt within 200 ms", e.getMessage());
    }

    @Test
    public void driverExceptionsPassThroughUnchanged() {
        DriverException original = new DriverException("domain one-1 not found on n");
        DriverException e = assertThrows(DriverException.class,
                () -> LibvirtCalls.withDeadline("x", Duration.ofSeconds(5), () -> {
                    throw original;
                }));
        assertTrue(e == original);
    }

    @Test
    public void resultsAreReturned() throws Exception {
        assertEquals("ok", LibvirtCalls.withDeadline("x", Duration.ofSeconds(5), () -> "ok"));
    }
}
