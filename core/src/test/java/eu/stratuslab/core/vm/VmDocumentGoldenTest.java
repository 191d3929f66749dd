package eu.stratuslab.core.vm;

import static org.junit.Assert.assertEquals;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.core.auth.PoolFilter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;

/**
 * Replays the request sequence of the golden captures (two VMs of oneadmin from the legacy default
 * template on dummyhost1, VM 1 shut down) and compares the VM documents character for character
 * with what OpenNebula 3.2.1 answered.
 */
public class VmDocumentGoldenTest {
    private final MutableClock clock = new MutableClock(1795452687L);
    @Rule
    public InstalledCore installed = new InstalledCore(clock);
    private Core core;

    @Before
    public void open() {
        core = installed.core();
    }

    static String goldenDocument(String name) throws IOException {
        try (InputStream in = VmDocumentGoldenTest.class.getResourceAsStream("/golden/" + name + ".response.xml")) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String escaped = body.substring(body.indexOf("<string>") + 8, body.indexOf("</string>"));
            return escaped.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
        }
    }

    private String pool(int filter, int state) throws Exception {
        return core.vms().poolDocument(Caller.ONEADMIN, VmPoolFilter.of(filter, -1, -1, state));
    }

    @Test
    public void documentsMatchOpenNebula321() throws Exception {
        int vm0 = core.vms().allocate(Caller.ONEADMIN, VmFixture.LEGACY_DEFAULT).id();
        assertEquals(0, vm0);
        clock.set(1795452704L);
        core.lifecycle().deploy(vm0, 0);

        clock.set(1795452706L);
        int vm1 = core.vms().allocate(Caller.ONEADMIN, VmFixture.LEGACY_DEFAULT).id();
        assertEquals(1, vm1);
        assertEquals(goldenDocument("vm.info-pending"), core.vms().infoDocument(vm1));

        clock.set(1795452707L);
        core.lifecycle().deploy(vm1, 0);
        assertEquals(goldenDocument("vm.info-running"), core.vms().infoDocument(vm1));
        assertEquals(goldenDocument("vmpool.info-mine"), pool(PoolFilter.MINE, -1));

        core.lifecycle().action("shutdown", vm1);
        assertEquals(goldenDocument("vm.info-done"), core.vms().infoDocument(vm1));
        assertEquals(goldenDocument("vmpool.info-all-incl-done"), pool(PoolFilter.ALL, -2));
        // the default listing hides DONE VMs
        assertEquals(goldenDocument("vmpool.info-mine").replaceAll("(?s)<VM><ID>1</ID>.*</VM>(?=</VM_POOL>)", ""), pool(PoolFilter.MINE, -1));
    }

    @Test
    public void emptyPoolIsAnEmptyElement() throws Exception {
        assertEquals("<VM_POOL></VM_POOL>", pool(PoolFilter.ALL, -2));
    }
}
