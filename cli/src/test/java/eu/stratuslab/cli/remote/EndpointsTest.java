package eu.stratuslab.cli.remote;

import static org.junit.Assert.assertEquals;

import java.net.URI;
import org.junit.Test;

/** legacy-cli.md §3.1–§3.3 and the pdisk fallback of §9. */
public class EndpointsTest {
    @Test
    public void cloudUrls() {
        assertEquals(URI.create("https://cloud.example.com/one-proxy/pswd/xmlrpc"),
                Endpoints.cloud("https://cloud.example.com/one-proxy/xmlrpc", true));
        assertEquals(URI.create("https://cloud.example.com/one-proxy/cert/xmlrpc"),
                Endpoints.cloud("https://cloud.example.com/one-proxy/xmlrpc", false));
        assertEquals(URI.create("https://cloud.example.com:2634/pswd/xmlrpc"), Endpoints.cloud("cloud.example.com", true));
        assertEquals(URI.create("https://cloud.example.com:2634/cert/xmlrpc"), Endpoints.cloud("cloud.example.com", false));
        assertEquals(URI.create("http://localhost:2633/RPC2"), Endpoints.cloud("localhost", true));
        assertEquals(URI.create("http://localhost:2633/RPC2"), Endpoints.cloud("127.0.0.1", true));
        assertEquals(URI.create("http://h:8080/a/b/pswd/RPC2"), Endpoints.cloud("http://h:8080/a/b/RPC2", true));
    }

    @Test
    public void pdiskUrls() {
        assertEquals("https://cloud.example.com/pdisk/pswd",
                Endpoints.pdisk("https://cloud.example.com/pdisk/", null, "https", 8445, true));
        assertEquals("https://store.example.com:8445/cert", Endpoints.pdisk("store.example.com", null, "https", 8445, false));
        assertEquals("http://store.example.com:9000/pswd", Endpoints.pdisk("store.example.com", null, "http", 9000, true));
        // §9: the fallback is <scheme>://<host>/pdisk of the cloud endpoint, not the XML-RPC URL
        assertEquals("https://cloud.example.com/pdisk/pswd",
                Endpoints.pdisk(null, "https://cloud.example.com:2634/one-proxy/xmlrpc", "https", 8445, true));
        assertEquals("https://cloud.example.com:8445/pswd", Endpoints.pdisk(null, "cloud.example.com", "https", 8445, true));
        assertEquals("pdisk:https://cloud.example.com/pdisk/8a1b2c3d-1111-2222-3333-444455556666",
                Endpoints.pdiskSource("https://cloud.example.com/pdisk/pswd", "8a1b2c3d-1111-2222-3333-444455556666"));
    }

    @Test
    public void marketplaceUrls() {
        assertEquals(URI.create("https://marketplace.stratuslab.eu"), Endpoints.marketplace(null));
        assertEquals(URI.create("http://mp.example.org/marketplace"), Endpoints.marketplace("http://mp.example.org/marketplace//"));
        assertEquals(URI.create("https://mp.example.org"), Endpoints.marketplace("mp.example.org"));
    }

    @Test
    public void pdiskErrorTexts() {
        URI url = URI.create("https://h/pdisk/pswd/disks/u/");
        assertEquals("Size must be an integer between 1 and 1024",
                PdiskClient.errorText("POST", url, 400, "{ \"message\" : \"Size must be an integer between 1 and 1024\", \"code\" : 400 }"));
        assertEquals("Failed calling method DELETE on url " + url + ", with reason: 409: Conflict. Error: disk (u) is in use and can't be deleted",
                PdiskClient.errorText("DELETE", url, 409, "{ \"message\" : \"disk (u) is in use and can't be deleted\", \"code\" : 409 }"));
    }
}
