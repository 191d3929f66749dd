package eu.stratuslab.vmmanager.node;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import org.junit.Test;

public class SshNodeTest {

    @Test
    public void anSshUriGivesUserPortKeyAndHostKeyPolicyToSshAndScp() {
        SshNode n = SshNode.of("qemu+ssh://stratusnode@127.0.0.1:2222/system?keyfile=/etc/one/node%20key&no_verify=1");
        assertEquals(new SshNode("stratusnode", "127.0.0.1", 2222, "/etc/one/node key", true), n);
        assertEquals(List.of("ssh", "-p", "2222", "-o", "BatchMode=yes", "-o", "ConnectTimeout=20", "-i",
                "/etc/one/node key", "-o", "StrictHostKeyChecking=no", "stratusnode@127.0.0.1", "true"), n.ssh("true"));
        assertEquals(List.of("scp", "-r", "-p", "-q", "-P", "2222", "-o", "BatchMode=yes", "-o", "ConnectTimeout=20",
                "-i", "/etc/one/node key", "-o", "StrictHostKeyChecking=no"), n.scp());
        assertEquals("stratusnode@127.0.0.1:/var/lib/one/", n.remote("/var/lib/one/"));
    }

    @Test
    public void aPlainSshUriUsesSshsOwnDefaultsAndChecksTheHostKey() {
        SshNode n = SshNode.of("qemu+ssh://node1/system");
        assertEquals(new SshNode(null, "node1", -1, null, false), n);
        assertEquals(List.of("ssh", "-o", "BatchMode=yes", "-o", "ConnectTimeout=20", "node1", "ls"), n.ssh("ls"));
    }

    @Test
    public void localUrisHaveNoNode() {
        assertNull(SshNode.of("qemu:///system"));
        assertNull(SshNode.of("qemu:///session"));
        assertNull(SshNode.of("test:///default"));
        assertNull(SshNode.of("qemu+unix:///system"));
    }

    @Test
    public void aRemoteUriWithoutSshIsRefusedWithTheReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SshNode.of("qemu+tcp://node1/system"));
        assertTrue(e.getMessage(), e.getMessage().contains("qemu+tcp://node1/system names a remote node without the ssh transport"));
    }
}
