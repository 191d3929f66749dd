package eu.stratuslab.oneproxy.admin;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

/**
 * The loopback rule of the credential-free {@code /metrics} on the /RPC2 listener: only loopback
 * peers (127.0.0.0/8, ::1, IPv4-mapped 127.x) are served. The cloud tests can only connect from
 * loopback, so the refusal of other peers is proved on the rule itself.
 */
public class MetricsAccessTest {

    @Test
    public void loopbackPeersAreServed() {
        for (String peer : new String[] {"127.0.0.1", "127.1.2.3", "::1", "[::1]", "0:0:0:0:0:0:0:1", "::ffff:127.0.0.1"}) {
            assertTrue(peer, MetricsHandler.isLoopback(peer));
        }
    }

    @Test
    public void otherPeersAreRefused() {
        for (String peer : new String[] {"10.0.0.1", "192.168.1.20", "8.8.8.8", "0.0.0.0", "::", "fe80::1",
                "2001:db8::1", "::ffff:10.0.0.1", "128.0.0.1", "", "localhost", "127.0.0.1.example.org", "not an address"}) {
            assertFalse(peer, MetricsHandler.isLoopback(peer));
        }
        assertFalse(MetricsHandler.isLoopback(null));
    }
}
