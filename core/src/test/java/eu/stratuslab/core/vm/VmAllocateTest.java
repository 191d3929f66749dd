package eu.stratuslab.core.vm;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.ErrorCode;
import eu.stratuslab.core.OneException;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.template.Template;
import eu.stratuslab.template.TemplateParser;
import eu.stratuslab.template.TemplateXml;
import eu.stratuslab.template.VectorAttribute;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;

/** one.vm.allocate processing (template.md §5) on the example templates of template.md §3. */
public class VmAllocateTest {
    private final MutableClock clock = new MutableClock(1_402_567_800L);
    @Rule
    public InstalledCore installed = new InstalledCore(clock);
    private Core core;
    private Caller alice;

    @Before
    public void open() throws Exception {
        core = installed.core();
        VmFixture.installNetwork(core, "local", "br1", "10.1.2.0", "C");
        alice = VmFixture.user(core, "alice");
    }

    static String example(String letter) throws IOException {
        try (InputStream in = VmAllocateTest.class.getResourceAsStream("/templates/" + letter + ".txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private VirtualMachine allocate(Caller who, String text) throws OneException {
        return core.vms().allocate(who, text);
    }

    private OneException refused(Caller who, String text) {
        try {
            allocate(who, text);
        } catch (OneException e) {
            return e;
        }
        throw new AssertionError("allocate accepted: " + text);
    }

    /** {@code attribute} has each of the {@code namesAndValues} pairs (other names may be there too). */
    private static void assertValues(VectorAttribute attribute, String... namesAndValues) {
        for (int i = 0; i < namesAndValues.length; i += 2) {
            assertEquals(namesAndValues[i], namesAndValues[i + 1], attribute.get(namesAndValues[i]));
        }
    }

    private static List<String> targets(VirtualMachine vm) {
        return vm.template().vectors("DISK").stream().map(d -> d.get("TARGET")).toList();
    }

    @Test
    public void exampleAIsPendingWithLeaseAndDefaults() throws Exception {
        VirtualMachine vm = allocate(alice, example("a"));
        assertEquals(VmState.PENDING, vm.state());
        assertEquals(LcmState.LCM_INIT, vm.lcmState());
        assertEquals("one-" + vm.id(), vm.name());
        assertEquals("alice", vm.uname());
        assertEquals("users", vm.gname());
        assertEquals(1_402_567_800L, vm.stime());
        Template t = vm.template();
        assertEquals("one-" + vm.id(), t.getString("NAME"));
        assertEquals(Integer.toString(vm.id()), t.getString("VMID"));
        assertEquals("1", t.getString("VCPU"));
        assertEquals("22", t.getString("INBOUND_PORTS"));
        VectorAttribute nic = t.firstVector("NIC");
        assertValues(nic, "IP", "10.10.0.1", "MAC", "02:00:0a:0a:00:01", "NETWORK", "public", "BRIDGE", "br0");
        assertEquals(List.of("vda", "vdb"), targets(vm));
        assertEquals("hdd", t.firstVector("CONTEXT").get("TARGET"));
        assertTrue(vm.infoXml().contains("<HISTORY_RECORDS/>"));
    }

    @Test
    public void exampleBIsStoredAsSpecified() throws Exception {
        VirtualMachine vm = allocate(alice, example("b"));
        Template expected = TemplateParser.parse("""
                CONTEXT = [ A = "1", B = "two words", BAZ = "qux quux",
                  CLOUD_INIT_AUTHORIZED_KEYS = "c3NoLXJzYSBBQUFBQjNOemFDMXljMkVBQUFBREFRQUJBQUFCQVFDN2V4YW1wbGVrZXkgYWxpY2VAZXhhbXBsZS5vcmcK",
                  CLOUD_INIT_USER_DATA = "H4sIAAAAAAACA22PMY/CMAyF9/yKqMwGbjqpVSZgYGA7sZxuMInbWrROlLhS+fdX3VAdAo9+z+97PkRREoWvR6LajtOgnDDrbuSZQmNvcZKA+eEq9zx75ypzOV9OcKVcOEptP7Z7YwBejebwBFGadeeHOAXwUVruGut7zIXUVVMBLJ75XfaaklFKSxlO4mNg6Wr7eWNd9SOXFAvr3yGqou/HZd/YlgcSHGnBhK3OWhmz+d/DJPR37KjU9rvXmH7evwNgfgGhSULSNgEAAA==",
                  CONTEXT_METHOD = "cloud-init", FOO = "bar",
                  PUBLIC_KEY = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7examplekey alice@example.org
                ", TARGET = "hdd" ]
                CPU = "0.5"
                DISK = [ DISK_ID = "0", DRIVER = "raw", READONLY = "no", SAVE = "no", SOURCE = "https://marketplace.example.org/metadata/BN1EEkPiBx87_uLj2-sdybSI-Xb", TARGET = "sda" ]
                DISK = [ DISK_ID = "1", READONLY = "no", SIZE = "6144", TARGET = "sdb", TYPE = "swap" ]
                DISK = [ DISK_ID = "2", FORMAT = "ext3", READONLY = "no", SAVE = "no", SIZE = "5120", TARGET = "sdc", TYPE = "fs" ]
                DISK = [ DISK_ID = "3", DRIVER = "raw", READONLY = "no", SAVE = "no", SOURCE = "https://marketplace.example.org/metadata/GWXb7AkDOq9ZzoLQ1yh9xnx3wTB", TARGET = "sdd" ]
                GRAPHICS = [ KEYMAP = "en-us", LISTEN = "0.0.0.0", PORT = "-1", TYPE = "vnc" ]
                INBOUND_PORTS = "22"
                MEMORY = "6144"
                NAME = "myvm"
                NIC = [ BRIDGE = "br1", IP = "10.1.2.3", MAC = "02:00:0a:01:02:03", MODEL = "virtio", NETWORK = "local",
                        NETWORK_ID = "1", NETWORK_UNAME = "oneadmin", VLAN = "NO" ]
                RANK = "- RUNNING_VMS"
                REQUIREMENTS = "CLUSTER = \\"test\\""
                VCPU = "2"
                VMID = "%d"
                """.formatted(vm.id()));
        assertEquals("CLUSTER = \"test\"", expected.getString("REQUIREMENTS"));
        assertEquals(TemplateXml.toXml(expected), TemplateXml.toXml(vm.template()));
        assertEquals("myvm", vm.name());
    }

    @Test
    public void exampleCKeepsSaveRequestAndCreateImage() throws Exception {
        VirtualMachine vm = allocate(alice, example("c"));
        assertEquals("creator: 2014-06-12T10:11:12Z", vm.name());
        assertEquals("yes", vm.template().vectors("DISK").get(0).get("SAVE"));
        VectorAttribute ci = vm.template().firstVector("CREATE_IMAGE");
        assertValues(ci, "NEWIMAGE_MARKETPLACE", "http://mp.example.org", "CREATOR_NAME", "Alice A", "NEWIMAGE_VERSION", "1.1");
    }

    @Test
    public void exampleDMovesThePersistentDiskPastTheContextTarget() throws Exception {
        VirtualMachine vm = allocate(alice, example("d"));
        assertEquals(List.of("hda", "hdb", "hdc", "hde"), targets(vm));
        assertEquals("pdisk:https://cloud.example.com/pdisk/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
                vm.template().vectors("DISK").get(3).get("SOURCE"));
    }

    @Test
    public void exampleEKeepsTheSkippedSwapDiskUnchanged() throws Exception {
        VirtualMachine vm = allocate(alice, example("e"));
        VectorAttribute swap = vm.template().vectors("DISK").get(1);
        assertValues(swap, "DISK_ID", "1", "SIZE", "0", "TARGET", "hdb");
    }

    @Test
    public void exampleFResolvesNetworkIdAndKeepsContext() throws Exception {
        VirtualMachine vm = allocate(alice, example("f"));
        assertEquals("test-vm", vm.name());
        VectorAttribute nic = vm.template().firstVector("NIC");
        assertValues(nic, "NETWORK", "public", "NETWORK_UNAME", "oneadmin", "IP", "10.10.0.1");
        VectorAttribute ctx = vm.template().firstVector("CONTEXT");
        assertEquals("10.0.0.1", ctx.get("DNS"));
        assertEquals("hdc", ctx.get("TARGET"));
        assertEquals("1", vm.template().getString("VCPU"));
        assertEquals(List.of("hda"), targets(vm));
    }

    @Test
    public void parseErrorIsInternalWithOnedText() {
        OneException e = refused(alice, "CPU = 1\nDISK = [ source = \"/tmp/x.qcow2");
        assertEquals(ErrorCode.INTERNAL, e.code());
        assertEquals("Error allocating a new virtual machine. Parse error: syntax error, unexpected $end, "
                + "expecting COMMA or CBRACKET at line 2, columns 27:40", e.getMessage());
        assertEquals(0, core.vms().size());
    }

    @Test
    public void secondContextOrRequirementsIsRefused() {
        OneException e = refused(alice, "CPU=1\nCONTEXT=[A=1]\nCONTEXT=[B=2]\n");
        assertEquals(ErrorCode.INTERNAL, e.code());
        assertTrue(e.getMessage().startsWith("Error allocating a new virtual machine. "));
        assertEquals(ErrorCode.INTERNAL, refused(alice, "REQUIREMENTS=\"A=1\"\nREQUIREMENTS=\"B=2\"\n").code());
    }

    @Test
    public void badRequirementsOrRankIsAParseError() {
        OneException e = refused(alice, "CPU=1\nREQUIREMENTS = \"CLUSTER = \"\n");
        assertEquals(ErrorCode.INTERNAL, e.code());
        assertTrue(e.getMessage(), e.getMessage().startsWith("Error allocating a new virtual machine. Parse error: "));
        e = refused(alice, "CPU=1\nRANK = \"- (RUNNING_VMS\"\n");
        assertTrue(e.getMessage(), e.getMessage().startsWith("Error allocating a new virtual machine. Parse error: "));
    }

    @Test
    public void nameLongerThan128IsRefused() {
        OneException e = refused(alice, "NAME = \"" + "x".repeat(129) + "\"\n");
        assertEquals(ErrorCode.INTERNAL, e.code());
    }

    @Test
    public void restrictedAttributesAreRefusedForUsers() throws Exception {
        String files = "CPU=1\nCONTEXT = [ FILES = \"/etc/passwd\", TARGET = hdd ]\n";
        OneException e = refused(alice, files);
        assertEquals(ErrorCode.AUTHORIZATION, e.code());
        assertEquals("User [" + alice.uid() + "] : Not authorized to use restricted attribute CONTEXT/FILES.", e.getMessage());
        e = refused(alice, "CPU=1\nRAW = [ TYPE = kvm, DATA = \"<devices><serial type='pty'/></devices>\" ]\n");
        assertEquals("User [" + alice.uid() + "] : Not authorized to use restricted attribute RAW.", e.getMessage());
        e = refused(alice, "CPU=1\nNIC = [ NETWORK = public, NETWORK_UNAME = oneadmin, VLAN_ID = 7 ]\n");
        assertEquals("User [" + alice.uid() + "] : Not authorized to use restricted attribute NIC/VLAN_ID.", e.getMessage());
        assertEquals(0, core.vms().size());
        // oneadmin may use them
        assertEquals(VmState.PENDING, allocate(Caller.ONEADMIN, files).state());
    }

    @Test
    public void hostCpuRawFormIsAcceptedForUsers() throws Exception {
        String raw = "CPU=1\nRAW = [ type=\"kvm\", data=\"<qemu:commandline>\n  <qemu:arg value='-cpu' />\n"
                + "  <qemu:arg value='host' />\n</qemu:commandline>\" ]\n";
        VirtualMachine vm = allocate(alice, raw);
        assertEquals("kvm", vm.template().firstVector("RAW").get("TYPE"));
        // the same with an extra argument is not the host-CPU form
        OneException e = refused(alice, raw.replace("value='host'", "value='host,+vmx'"));
        assertEquals(ErrorCode.AUTHORIZATION, e.code());
    }

    @Test
    public void templateWithoutNicGetsTheDefaultNetwork() throws Exception {
        VirtualMachine vm = allocate(alice, "CPU = 1\nMEMORY = 128\n");
        VectorAttribute nic = vm.template().firstVector("NIC");
        assertValues(nic, "NETWORK", "public", "NETWORK_UNAME", "oneadmin", "IP", "10.10.0.1");
        assertEquals("one-" + vm.id(), vm.name());
    }

    @Test
    public void failedAllocateGivesTheLeasesBack() throws Exception {
        OneException e = refused(alice, "CPU=1\nNIC = [ NETWORK = public, NETWORK_UNAME = oneadmin ]\n"
                + "NIC = [ NETWORK = nosuch, NETWORK_UNAME = oneadmin ]\n");
        assertEquals(ErrorCode.INTERNAL, e.code());
        assertEquals("Error allocating a new virtual machine. Virtual network nosuch does not exist", e.getMessage());
        assertEquals(0, core.vms().size());
        assertEquals(0, core.networks().byName("public", 0).usedLeases());
        // a taken IP refuses the second VM and keeps its own other lease free
        allocate(alice, "CPU=1\nNIC = [ NETWORK = local, NETWORK_UNAME = oneadmin, IP = 10.1.2.9 ]\n");
        e = refused(alice, "CPU=1\nNIC = [ NETWORK = public, NETWORK_UNAME = oneadmin ]\n"
                + "NIC = [ NETWORK = local, NETWORK_UNAME = oneadmin, IP = 10.1.2.9 ]\n");
        assertEquals("Error allocating a new virtual machine. Cannot get IP/MAC lease from virtual network 1.", e.getMessage());
        assertEquals(0, core.networks().byName("public", 0).usedLeases());
        assertEquals("10.10.0.1", allocate(alice, example("a")).template().firstVector("NIC").get("IP"));
    }

    @Test
    public void cpuQuotaCountsVmsThatAreNotDone() throws Exception {
        VirtualMachine first = allocate(alice, "CPU = 10\n");
        allocate(alice, "CPU = 10\n");
        OneException e = refused(alice, "CPU = 1\n");
        assertEquals(ErrorCode.AUTHORIZATION, e.code());
        assertEquals("User [" + alice.uid() + "] : CPU quota exceeded (Quota: 20.0, Used: 20.0, Requested: 1.0).",
                e.getMessage());
        core.lifecycle().action("finalize", first.id());
        assertEquals(VmState.PENDING, allocate(alice, "CPU = 0.5\n").state());
        // oneadmin is not limited
        allocate(Caller.ONEADMIN, "CPU = 50\n");
    }

    @Test
    public void userQuotasOverrideTheSiteDefaults() throws Exception {
        core.users().update(alice.uid(), TemplateParser.parse("QUOTA_CPU = 2\nQUOTA_MEMORY = 1024\n"));
        allocate(alice, "CPU = 1\nMEMORY = 512\n");
        allocate(alice, "CPU = 1\nMEMORY = 512\n");
        OneException e = refused(alice, "CPU = 1\nMEMORY = 1\n");
        assertEquals("User [" + alice.uid() + "] : CPU quota exceeded (Quota: 2.0, Used: 2.0, Requested: 1.0).",
                e.getMessage());
        e = refused(alice, "MEMORY = 512\n");
        assertEquals(ErrorCode.AUTHORIZATION, e.code());
        assertEquals("User [" + alice.uid() + "] : MEMORY quota exceeded (Quota: 1024, Used: 1024, Requested: 512).",
                e.getMessage());
    }

    @Test
    public void vmLogHasStateAndLeaseAuditLines() throws Exception {
        VirtualMachine vm = allocate(alice, example("a"));
        clock.set(1_402_567_830L);
        core.lifecycle().deploy(vm.id(), 0);
        core.lifecycle().action("shutdown", vm.id());
        String log = Files.readString(installed.getRoot().toPath().resolve("log").resolve(vm.id() + ".log"));
        assertTrue(log, log.contains("Thu Jun 12 10:10:30 2014 [DiM][I]: New VM state is ACTIVE ("
                + vm.id() + ", " + alice.uid() + ", alice)\n"));
        assertTrue(log, log.contains("[LCM][I]: New VM state is RUNNING\n"));
        assertTrue(log, log.contains("[DiM][I]: acquired lease (IP=10.10.0.1, MAC=02:00:0a:0a:00:01)\n"));
        assertTrue(log, log.contains("[DiM][I]: released lease (IP=10.10.0.1, MAC=02:00:0a:0a:00:01)\n"));
        assertTrue(log, log.contains("[DiM][I]: New VM state is DONE\n"));
        assertEquals(0, core.networks().byName("public", 0).usedLeases());
        assertNull(core.vms().get(vm.id()).template().firstVector("ERROR"));
    }

    @Test
    public void unknownOwnerCannotAllocateWithoutCreateRight() throws Exception {
        // a user outside group users has no CREATE rule
        int gid = core.groups().allocate("outsiders");
        int uid = core.users().allocate("eve", "pw", "core", gid);
        OneException e = refused(new Caller(uid, gid, "eve"), example("a"));
        assertEquals(ErrorCode.AUTHORIZATION, e.code());
        assertEquals("User [" + uid + "] : Not authorized to perform CREATE VM [-1].", e.getMessage());
    }

}
