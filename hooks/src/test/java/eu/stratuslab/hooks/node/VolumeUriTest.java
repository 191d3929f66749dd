package eu.stratuslab.hooks.node;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import org.junit.Test;

/** pdisk-api.md §9 URI forms as the node tool reads them (§11.1): https forced, uuid last. */
public class VolumeUriTest {

    private static void check(String uri, String endpoint, String uuid) {
        VolumeUri v = VolumeUri.parse(uri);
        assertEquals(uri, endpoint, v.endpoint().toString());
        assertEquals(uri, uuid, v.uuid());
        assertEquals(uri.strip(), v.text());
    }

    @Test
    public void everyFormOfTheSpecGivesEndpointAndUuid() {
        check("pdisk:https://cloud.example.com/pdisk/1b2c", "https://cloud.example.com/pdisk", "1b2c");
        check("pdisk://cloud.example.com:8445/pdisk/1b2c", "https://cloud.example.com:8445/pdisk", "1b2c");
        check("https://10.0.0.1:443/pdisk/1b2c", "https://10.0.0.1:443/pdisk", "1b2c");
        check("pdisk:cloud.example.com:8445:1b2c", "https://cloud.example.com:8445", "1b2c");
        check(" pdisk:http://127.0.0.1:9206/pdisk/1b2c/ ", "https://127.0.0.1:9206/pdisk", "1b2c");
    }

    @Test
    public void somethingWithoutAVolumeIsRefusedClearly() {
        for (String bad : new String[] {"", "pdisk:", "pdisk:host:1b2c", "https://host/", "/var/lib/one/x", "pdisk:host:port:x"}) {
            IllegalArgumentException e = assertThrows(bad, IllegalArgumentException.class, () -> VolumeUri.parse(bad));
            assertEquals("URI " + bad + " is not a pdisk volume URI (pdisk:<endpoint>/<uuid>, pdisk://<host>/<path>/<uuid>,"
                    + " https://<host>/<path>/<uuid> or pdisk:<host>:<port>:<uuid>)", e.getMessage());
        }
    }
}
