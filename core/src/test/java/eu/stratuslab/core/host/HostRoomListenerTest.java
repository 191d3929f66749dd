package eu.stratuslab.core.host;

import static org.junit.Assert.assertEquals;

import eu.stratuslab.core.db.CoreSchema;
import eu.stratuslab.infra.db.Database;
import eu.stratuslab.infra.db.DbSettings;
import eu.stratuslab.template.TemplateParser;
import eu.stratuslab.vmm.HostProbe;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The scheduler reconsiders its backlog only when the host pool says a host may take more than
 * before: these are exactly the changes that say so, and the ones that must not (a backlog must
 * cost nothing while nothing changes).
 */
public class HostRoomListenerTest {
    private Database db;
    private HostPool hosts;
    private final List<Integer> heard = new CopyOnWriteArrayList<>();

    @Before
    public void open() throws Exception {
        db = CoreSchema.open(DbSettings.h2Memory("room-" + UUID.randomUUID()));
        hosts = HostPool.load(db, Clock.systemUTC());
        hosts.addRoomListener(heard::add);
    }

    @After
    public void close() {
        db.close();
    }

    private static HostProbe probe(int freeCpu, long freeMemKb) {
        return new HostProbe(800, 16L << 20, freeCpu, freeMemKb, 800 - freeCpu, (16L << 20) - freeMemKb, "dummy", "x86_64",
                "cpu", "2400", 0, 0, "node");
    }

    /** What the listener heard since the last call. */
    private List<Integer> heard() {
        List<Integer> h = List.copyOf(heard);
        heard.clear();
        return h;
    }

    @Test
    public void addedEnabledUpdatedAndBetterMonitoredHostsAreHeard() throws Exception {
        int id = hosts.allocate("node", "im_dummy", "vmm_dummy", "dummy", "tm_dummy");
        assertEquals("added", List.of(id), heard());
        hosts.monitored(id, probe(400, 8L << 20));
        assertEquals("INIT to MONITORED", List.of(id), heard());
        hosts.monitored(id, probe(400, 8L << 20));
        assertEquals("the same probe again: nothing new", List.of(), heard());
        hosts.monitored(id, probe(300, 8L << 20));
        assertEquals("less free CPU", List.of(), heard());
        hosts.monitored(id, probe(350, 8L << 20));
        assertEquals("more free CPU", List.of(id), heard());
        hosts.monitored(id, probe(350, 9L << 20));
        assertEquals("more free memory", List.of(id), heard());
        hosts.monitoringFailed(id, "unreachable");
        assertEquals("ERROR", List.of(), heard());
        hosts.monitored(id, probe(350, 9L << 20));
        assertEquals("back from ERROR", List.of(id), heard());
        hosts.enable(id, false);
        assertEquals("disabled", List.of(), heard());
        hosts.enable(id, true);
        assertEquals("enabled", List.of(id), heard());
        hosts.update(id, TemplateParser.parse("GPU = yes"));
        assertEquals("updated: REQUIREMENTS read the TEMPLATE", List.of(id), heard());
    }

    @Test
    public void releasedCapacityIsHeardAndChargedCapacityIsNot() throws Exception {
        int a = hosts.allocate("a", "im_dummy", "vmm_dummy", "dummy", "tm_dummy");
        int b = hosts.allocate("b", "im_dummy", "vmm_dummy", "dummy", "tm_dummy");
        heard();
        hosts.charge(a, 100, 1024);
        hosts.changeAllocations(Map.of(b, new long[] {100, 1024, 1}), c -> null);
        assertEquals("charges take room", List.of(), heard());
        hosts.changeAllocations(Map.of(a, new long[] {-100, -1024, -1}, b, new long[] {0, 0, 0}), c -> null);
        assertEquals("a VM left a", List.of(a), heard());
        hosts.release(b, 100, 1024);
        assertEquals(List.of(b), heard());
    }
}
