package eu.stratuslab.vmmanager.node;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import eu.stratuslab.core.transfer.PreparedDisk;
import eu.stratuslab.core.transfer.VmDirectory;
import eu.stratuslab.infra.exec.CommandResult;
import eu.stratuslab.infra.exec.CommandRunner;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The commands NodeFiles sends to a node (ssh cannot be run here: a recording runner stands in). */
public class NodeFilesTest {
    private static final SshNode NODE = new SshNode("oneadmin", "node1", -1, null, false);

    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();
    private final List<String> calls = new ArrayList<>();
    private int exitCode;
    private final CommandRunner recorder = (argv, timeout) -> {
        calls.add(String.join(" ", argv));
        return new CommandResult(argv, exitCode, exitCode == 0 ? "" : "ssh: connect to host node1 port 22: refused");
    };
    private final NodeFiles files = new NodeFiles(recorder, Path.of("/var/lib/one"), Duration.ofMinutes(1));

    @Test
    public void diskPathsInTheVmDirectoryBecomeTheNodesOthersStay() {
        VmDirectory local = VmDirectory.of(Path.of("/srv/cloud/var/lib/one"), 7);
        PreparedDisk.NetworkSource iscsi = new PreparedDisk.NetworkSource("iscsi", "iqn.x/1", "10.0.0.1", 3260);
        List<PreparedDisk> moved = files.onNode(List.of(
                new PreparedDisk("/srv/cloud/var/lib/one/7/images/disk.0", "vda", "qcow2", false, false),
                new PreparedDisk("iscsi://10.0.0.1/iqn.x/1", "vdb", "raw", false, false, iscsi),
                new PreparedDisk("/srv/images/local.img", "vdc", "raw", true, false)), local);
        assertEquals("/var/lib/one/7/images/disk.0", moved.get(0).path());
        assertEquals("qcow2", moved.get(0).driverType());
        assertEquals(iscsi, moved.get(1).network());
        assertEquals("/srv/images/local.img", moved.get(2).path());
    }

    @Test
    public void pushCopiesTheDirectoryAndABackedQcow2SelfContained() throws IOException {
        VmDirectory local = VmDirectory.of(tmp.getRoot().toPath(), 7);
        Files.createDirectories(local.images());
        Files.write(local.disk(0), qcow2Header(512)); // an overlay with a backing file
        Files.write(local.disk(1), qcow2Header(0)); // a qcow2 without backing file
        Files.writeString(local.images().resolve("disk.2"), "context");
        files.push(NODE, local);
        String img = local.images().toString();
        assertEquals(List.of(
                "ssh -o BatchMode=yes -o ConnectTimeout=20 oneadmin@node1 mkdir -p '/var/lib/one'",
                "scp -r -p -q -o BatchMode=yes -o ConnectTimeout=20 " + local.root() + " oneadmin@node1:/var/lib/one/",
                "qemu-img convert -O qcow2 " + img + "/disk.0 " + img + "/.disk.0.flat",
                "scp -r -p -q -o BatchMode=yes -o ConnectTimeout=20 " + img + "/.disk.0.flat "
                        + "oneadmin@node1:/var/lib/one/7/images/disk.0"), calls);
    }

    @Test
    public void pullCopiesBackOnlyWhatTheNodeHasAndDeleteRemovesIt() throws IOException {
        VmDirectory local = VmDirectory.of(tmp.getRoot().toPath(), 7);
        exitCode = 1; // test -e: not there
        files.pull(NODE, local);
        assertEquals(List.of("ssh -o BatchMode=yes -o ConnectTimeout=20 oneadmin@node1 test -e '/var/lib/one/7'"), calls);
        exitCode = 0;
        calls.clear();
        files.pull(NODE, local);
        files.delete(NODE, 7);
        assertEquals(List.of(
                "ssh -o BatchMode=yes -o ConnectTimeout=20 oneadmin@node1 test -e '/var/lib/one/7'",
                "scp -r -p -q -o BatchMode=yes -o ConnectTimeout=20 oneadmin@node1:/var/lib/one/7 " + tmp.getRoot() + "/",
                "ssh -o BatchMode=yes -o ConnectTimeout=20 oneadmin@node1 rm -rf -- '/var/lib/one/7'"), calls);
    }

    @Test
    public void anUnreachableNodeIsAnErrorWithSshsWords() {
        exitCode = 255;
        IOException e = assertThrows(IOException.class, () -> files.exists(NODE, "/var/lib/one/7/checkpoint"));
        assertEquals("cannot look for /var/lib/one/7/checkpoint on oneadmin@node1: "
                + "ssh: connect to host node1 port 22: refused", e.getMessage());
    }

    @Test
    public void aNodeDirectoryTheShellWouldInterpretIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new NodeFiles(recorder, Path.of("/var/lib/one'; rm -rf /"), Duration.ofMinutes(1)));
        assertTrue(e.getMessage(), e.getMessage().startsWith("the node VM directory must be an absolute path"));
        assertThrows(IllegalArgumentException.class,
                () -> new NodeFiles(recorder, Path.of("relative/dir"), Duration.ofMinutes(1)));
        assertFalse(calls.toString(), calls.stream().anyMatch(c -> c.contains("rm")));
    }

    private static byte[] qcow2Header(long backingOffset) {
        ByteBuffer b = ByteBuffer.allocate(64);
        b.put(new byte[] {'Q', 'F', 'I', (byte) 0xfb}).putInt(3).putLong(backingOffset);
        return b.array();
    }
}
