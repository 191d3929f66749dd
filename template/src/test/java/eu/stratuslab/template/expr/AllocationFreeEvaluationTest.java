package eu.stratuslab.template.expr;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import org.junit.Assume;
import org.junit.Test;

/**
 * The scheduler evaluates REQUIREMENTS and RANK for every VM × host pair, so evaluation must not
 * allocate. Measured with the JVM's per-thread allocation counter (not a timing assertion).
 */
public class AllocationFreeEvaluationTest {

    @Test
    public void evaluationDoesNotAllocate() throws Exception {
        Assume.assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Assume.assumeTrue(mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled());

        Map<String, String> attrs = new HashMap<>();
        attrs.put("HOSTNAME", "node17.example.org");
        attrs.put("FREE_CPU", "350");
        attrs.put("FREE_MEM", "1048576.5");
        attrs.put("RUNNING_VMS", "4");
        AttributeLookup host = attrs::get;
        Requirements req = Requirements.parse("HOSTNAME = \"node[0-9]*\" & FREE_CPU > 100 & !(FREE_MEM < 1024.0) | CLUSTER = \"x\"");
        Rank rank = Rank.parse("- RUNNING_VMS * 2 + FREE_CPU / 100");

        int n = 200_000;
        long hits = 0;
        double sum = 0;
        for (int i = 0; i < n; i++) { // warm up, so that the measurement sees compiled code
            hits += req.matches(host) ? 1 : 0;
            sum += rank.evaluate(host);
        }
        long tid = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(tid);
        for (int i = 0; i < n; i++) {
            hits += req.matches(host) ? 1 : 0;
            sum += rank.evaluate(host);
        }
        long allocated = mx.getThreadAllocatedBytes(tid) - before;
        assertEquals(2L * n, hits);
        assertEquals(2 * n * (-8 + 3.5), sum, 1e-6);
        // allow a little noise from the JVM itself, far below one object per evaluation
        assertTrue("allocated " + allocated + " bytes for " + n + " evaluations", allocated < n / 4);
    }
}
