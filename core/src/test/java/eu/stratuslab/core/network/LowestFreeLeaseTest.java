package eu.stratuslab.core.network;

import static org.junit.Assert.assertEquals;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.testsupport.CoreFixture;
import eu.stratuslab.core.testsupport.TestDatabases;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.template.TemplateParser;
import eu.stratuslab.template.VectorAttribute;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** The lowest free address is always the one handed out, also after releases below the scan start. */
public class LowestFreeLeaseTest {
    private Core core;

    @Before
    public void open() throws Exception {
        core = CoreFixture.open(TestDatabases.fresh("h2"));
        core.networks().allocate(Caller.ONEADMIN, TemplateParser.parse(
                "NAME=public\nTYPE=RANGED\nBRIDGE=br0\nNETWORK_ADDRESS=10.10.0.0\nNETWORK_SIZE=C\n"));
    }

    @After
    public void close() {
        core.close();
    }

    private VectorAttribute lease(int vmId) throws Exception {
        VectorAttribute nic = new VectorAttribute("NIC");
        nic.put("NETWORK", "public");
        nic.put("NETWORK_UNAME", "oneadmin");
        core.networks().lease(Caller.ONEADMIN, nic, vmId);
        return nic;
    }

    @Test
    public void releasedLowAddressesAreReusedFirstAndTheScanResumesAfterThem() throws Exception {
        VectorAttribute[] nics = new VectorAttribute[5];
        for (int i = 0; i < nics.length; i++) {
            nics[i] = lease(i);
            assertEquals("10.10.0." + (i + 1), nics[i].get("IP"));
        }
        core.networks().release(nics[1], 1);
        core.networks().release(nics[3], 3);
        assertEquals("10.10.0.2", lease(10).get("IP"));
        assertEquals("10.10.0.4", lease(11).get("IP"));
        assertEquals("10.10.0.6", lease(12).get("IP"));
        core.networks().release(nics[0], 0);
        assertEquals("10.10.0.1", lease(13).get("IP"));
        assertEquals("10.10.0.7", lease(14).get("IP"));
    }
}
