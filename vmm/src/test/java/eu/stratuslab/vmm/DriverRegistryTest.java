package eu.stratuslab.vmm;

import eu.stratuslab.vmm.dummy.DummyDriver;
import eu.stratuslab.vmm.libvirt.LibvirtDriver;
import org.junit.After;
import org.junit.Test;

import java.util.Map;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

public class DriverRegistryTest {
    private final DriverRegistry registry = new DriverRegistry();

    @After
    public void close() {
        registry.close();
    }

    @Test
    public void libvirtUriDerivation() {
        assertEquals("test:///default", DriverRegistry.libvirtUri("test:///default", Map.of()));
        assertEquals("qemu+ssh://root@n/system", DriverRegistry.libvirtUri("qemu+ssh://root@n/system", null));
        assertEquals("qemu:///system", DriverRegistry.libvirtUri("localhost", Map.of()));
        assertEquals("qemu+ssh://node7.example.org/system", DriverRegistry.libvirtUri("node7.example.org", Map.of()));
        assertEquals("test:///default",
                DriverRegistry.libvirtUri("node7.example.org", Map.of("LIBVIRT_URI", " test:///default ")));
    }

    @Test
    public void dummyMadsGiveOneDummyDriverPerHost() throws Exception {
        HypervisorDriver a = registry.driverFor("h1", "vmm_dummy", Map.of());
        assertTrue(a instanceof DummyDriver);
        assertSame(a, registry.driverFor("h1", "dummy", Map.of()));
        assertNotSame(a, registry.driverFor("h2", "vmm_dummy", Map.of()));
    }

    @Test
    public void libvirtMadsGiveACachedLibvirtDriver() throws Exception {
        for (String mad : new String[] {"vmm_kvm", "kvm", "qemu", "libvirt", "vmm_libvirt", "VMM_KVM"}) {
            HypervisorDriver d = registry.driverFor("test:///default", mad, Map.of());
            assertTrue(mad, d instanceof LibvirtDriver);
            assertEquals("test:///default", ((LibvirtDriver) d).uri());
            assertSame(d, registry.driverFor("test:///default", "kvm", Map.of()));
        }
        HypervisorDriver viaTemplate = registry.driverFor("node9", "kvm", Map.of("LIBVIRT_URI", "test:///default"));
        assertEquals("test:///default", ((LibvirtDriver) viaTemplate).uri());
        assertEquals("test", viaTemplate.probe().hypervisor());
    }

    @Test
    public void unknownMadIsAClearError() {
        DriverException e = assertThrows(DriverException.class, () -> registry.driverFor("h1", "vmm_xen", Map.of()));
        assertTrue(e.getMessage(), e.getMessage().contains("unknown VM_MAD 'vmm_xen'"));
    }

    @Test
    public void closedRegistryRefusesNewDrivers() {
        registry.close();
        assertThrows(DriverException.class, () -> registry.driverFor("h1", "dummy", Map.of()));
    }
}
