package eu.stratuslab.oneproxy.api.family;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.core.vm.VirtualMachine;
import eu.stratuslab.core.vm.VmPool;
import eu.stratuslab.oneproxy.api.Kinds;
import eu.stratuslab.oneproxy.testsupport.InMemoryCore;
import eu.stratuslab.xmlrpc.OneResult;
import eu.stratuslab.xmlrpc.Params;
import eu.stratuslab.xmlrpc.XmlRpcText;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;

/**
 * Pool listings are assembled at most the gate's bound at a time (issue 14 item 7); the callers
 * over the bound wait, in order, and every one is answered.
 */
public class ListingGateTest {
    private static final int CALLERS = 6;
    private static final long DEADLINE_MS = 20_000;

    @Rule
    public final InMemoryCore core = new InMemoryCore("gate");
    private final ExecutorService callers = Executors.newFixedThreadPool(CALLERS);

    @After
    public void stopCallers() {
        callers.shutdownNow();
    }

    @Test
    public void atMostTheBoundOfListingsAreAssembledAtOnceAndTheOthersWait() throws Exception {
        ListingGate gate = new ListingGate(2);
        AtomicInteger assembling = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch finish = new CountDownLatch(1);
        PoolInfoRequest<VirtualMachine, VmPool> request = PoolInfoRequest.encoded(core.core(), Kinds.VM, gate,
                (pool, caller, params) -> {
                    most.accumulateAndGet(assembling.incrementAndGet(), Math::max);
                    try {
                        if (!finish.await(DEADLINE_MS, TimeUnit.MILLISECONDS)) {
                            throw new AssertionError("the test never let the listings finish");
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new AssertionError(e);
                    } finally {
                        assembling.decrementAndGet();
                    }
                    return XmlRpcText.of(VmPool.POOL_HEAD + VmPool.POOL_TAIL);
                });
        List<Future<OneResult>> answers = new ArrayList<>();
        for (int i = 0; i < CALLERS; i++) {
            answers.add(callers.submit(() -> request.call(Caller.ONEADMIN, new Params(List.of("session")))));
        }
        long deadline = System.currentTimeMillis() + DEADLINE_MS;
        while (!(assembling.get() == 2 && gate.waiting() == CALLERS - 2)) {
            if (System.currentTimeMillis() > deadline) {
                fail("expected 2 listings assembling and " + (CALLERS - 2) + " waiting, saw "
                        + assembling.get() + " and " + gate.waiting());
            }
            Thread.sleep(2); // polling the condition above, not waiting in its place
        }
        finish.countDown();
        for (Future<OneResult> answer : answers) {
            OneResult r = answer.get(DEADLINE_MS, TimeUnit.MILLISECONDS);
            assertTrue(r.success());
            assertEquals("<VM_POOL></VM_POOL>", r.value().toString());
        }
        assertEquals(2, most.get());
        assertEquals(0, gate.waiting());
    }
}
