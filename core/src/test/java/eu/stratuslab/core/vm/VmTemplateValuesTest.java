package eu.stratuslab.core.vm;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.ErrorCode;
import eu.stratuslab.core.OneException;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.template.TemplateParser;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;

/**
 * Issue 13 item 3: CPU, VCPU, MEMORY and DISK/SIZE are checked at allocate: finite, positive
 * (DISK/SIZE: not negative), within bounds, with a clear INTERNAL error that comes before the quota
 * check and leaves nothing behind.
 */
public class VmTemplateValuesTest {
    @Rule
    public InstalledCore installed = new InstalledCore(new MutableClock(1_402_567_800L));
    private Core core;
    private Caller alice;

    @Before
    public void open() throws Exception {
        core = installed.core();
        alice = VmFixture.user(core, "alice");
        // a quota alice has used up: a value error must still be reported as such
        core.users().update(alice.uid(), TemplateParser.parse("QUOTA_CPU = 1\nQUOTA_MEMORY = 512\n"));
        core.vms().allocate(alice, "CPU = 1\nMEMORY = 512\n");
    }

    private void refusedWith(String template, String detail) {
        int before = core.vms().size();
        long leases = core.networks().byName("public", 0).usedLeases();
        OneException e = assertThrows(template, OneException.class, () -> core.vms().allocate(alice, template));
        assertEquals(template, ErrorCode.INTERNAL, e.code());
        assertEquals(template, "Error allocating a new virtual machine. " + detail, e.getMessage());
        assertEquals(before, core.vms().size());
        assertEquals(leases, core.networks().byName("public", 0).usedLeases());
    }

    @Test
    public void nonsenseCpuIsRefusedBeforeTheQuota() {
        String nic = "NIC = [ NETWORK = public, NETWORK_UNAME = oneadmin ]\n";
        for (String v : new String[] {"-1000", "NaN", "Infinity", "-Infinity", "0", "-0.5", "1e9", "abc", "0x10"}) {
            refusedWith("CPU = " + v + "\n" + nic,
                    "CPU must be a number greater than 0 and at most 1024, not '" + v + "'");
        }
        refusedWith("CPU = \"\"\n", "CPU must be a number greater than 0 and at most 1024, not ''");
    }

    @Test
    public void nonsenseMemoryAndVcpuAreRefused() {
        for (String v : new String[] {"-1", "NaN", "Infinity", "0", "1e12", "lots"}) {
            refusedWith("MEMORY = " + v + "\n",
                    "MEMORY must be a number greater than 0 and at most 4194304 (MB), not '" + v + "'");
        }
        for (String v : new String[] {"0", "-2", "1.5", "NaN", "100000"}) {
            refusedWith("VCPU = " + v + "\n", "VCPU must be a whole number from 1 to 1024, not '" + v + "'");
        }
        for (String v : new String[] {"-1", "NaN", "Infinity", "2.5e10"}) {
            refusedWith("DISK = [ TYPE = fs, SIZE = " + v + ", TARGET = hdc ]\n",
                    "DISK SIZE must be a whole number of MB from 0 to 16777216, not '" + v + "'");
        }
    }

    @Test
    public void saneValuesStillPassAndReachTheQuota() throws Exception {
        OneException e = assertThrows(OneException.class, () -> core.vms().allocate(alice, "CPU = 0.5\nMEMORY = 1\n"));
        assertEquals(ErrorCode.AUTHORIZATION, e.code());
        core.users().update(alice.uid(), TemplateParser.parse("QUOTA_CPU = 100\nQUOTA_MEMORY = 100000\n"));
        core.vms().allocate(alice, "CPU = 0.5\nVCPU = 2\nMEMORY = 1024\n"
                + "DISK = [ TYPE = swap, SIZE = 0, TARGET = hdb ]\nDISK = [ TYPE = fs, SIZE = 2048, TARGET = hdc ]\n");
        core.vms().allocate(alice, "CPU = 1\nVCPU = \"\"\nMEMORY = 256\n"); // empty VCPU gets the default 1
        core.vms().allocate(alice, "MEMORY = 256\n"); // CPU may be absent, as with oned
    }
}
