package eu.stratuslab.pdisk.http;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.After;
import org.junit.Test;

import eu.stratuslab.authn.LoginThrottle;
import eu.stratuslab.pdisk.support.OnAPdisk;
import eu.stratuslab.pdisk.support.PdiskFixture;

/**
 * Issue 13 item 7 on pdisk (the process's shared throttle, as in production): password guesses
 * lock out the guessing address; the right password from another loopback address is served.
 */
public class LoginThrottlingTest extends OnAPdisk {
    @After
    public void forgetTheAttack() {
        LoginThrottle.configureShared(LoginThrottle.Settings.defaults()); // later tests start clean
    }

    private int get(String from, String authorization) throws Exception {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            s.connect(new InetSocketAddress("127.0.0.1", pdisk.endpoint.getPort()), 5000);
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("GET " + pdisk.endpoint.getPath() + "/pswd/disks/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Accept: application/json\r\nAuthorization: " + authorization + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            s.getInputStream().transferTo(out);
            String answer = out.toString(StandardCharsets.ISO_8859_1);
            return Integer.parseInt(answer.substring(9, 12));
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    public void guessesLockOutTheGuessingAddressOnly() throws Exception {
        String right = PdiskFixture.basic("alice");
        assertEquals(200, get("127.0.0.2", right));
        long before = LoginThrottle.shared().failures();
        int failuresToLockOut = LoginThrottle.Settings.defaults().addressFailures();
        for (int i = 0; i < failuresToLockOut; i++) {
            assertEquals(401, get("127.0.0.1", basic("alice", "guess" + i)));
        }
        assertEquals("locked out, even with the right password", 401, get("127.0.0.1", right));
        assertEquals("the user elsewhere", 200, get("127.0.0.2", right));
        assertTrue(LoginThrottle.shared().failures() - before >= failuresToLockOut + 1);
    }
}
