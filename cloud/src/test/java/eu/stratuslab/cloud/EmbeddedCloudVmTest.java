package eu.stratuslab.cloud;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import eu.stratuslab.core.testsupport.Await;
import eu.stratuslab.xmlrpc.XmlRpcClient;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Before;
import org.junit.Test;

/**
 * The acceptance of "VMs really run" on the cloud exactly as {@code ./stratuslab up} starts it (the
 * embedded test:///default host): a VM of the demo user through the one-proxy and one of oneadmin
 * on /RPC2 with a local image as root disk both reach RUNNING with nobody calling one.vm.deploy,
 * show HISTORY/HOSTNAME, the host shows their usage, shutdown takes them to DONE; a legacy
 * template whose root disk is a marketplace image ends FAILED with a clear message.
 */
public class EmbeddedCloudVmTest extends OnACloudSite {
    private CloudLauncher cloud;
    private XmlRpcClient proxy;
    private XmlRpcClient rpc2;
    private String admin;

    @Before
    public void start() throws Exception {
        Path home = site.home("cloud", CloudSite.EPHEMERAL_PORTS);
        cloud = site.start(home);
        admin = CloudSite.adminSession(home);
        proxy = CloudSite.oneProxyClient(cloud.endpoints().get("one-proxy"), "demo", CloudSite.password(home, "demo"));
        rpc2 = new XmlRpcClient(URI.create(cloud.endpoints().get("rpc2")));
    }

    private String info(XmlRpcClient c, String session, int id) throws Exception {
        List<?> r = (List<?>) c.call("one.vm.info", session, id);
        assertEquals(r.toString(), Boolean.TRUE, r.get(0));
        return (String) r.get(1);
    }

    private static String element(String doc, String name) {
        Matcher m = Pattern.compile("<" + name + ">([^<]*)</" + name + ">").matcher(doc);
        return m.find() ? m.group(1) : null;
    }

    private int allocate(XmlRpcClient c, String session, String template) throws Exception {
        List<?> r = (List<?>) c.call("one.vm.allocate", session, template);
        assertEquals(r.toString(), Boolean.TRUE, r.get(0));
        return (Integer) r.get(1);
    }

    private void awaitState(XmlRpcClient c, String session, int id, String state, String lcm) {
        Await.await("VM " + id + " STATE " + state + "/" + lcm, Duration.ofSeconds(60), () -> {
            try {
                String doc = info(c, session, id);
                return state.equals(element(doc, "STATE")) && lcm.equals(element(doc, "LCM_STATE"));
            } catch (Exception e) {
                return false;
            }
        });
    }

    @Test
    public void vmsRunOnTheEmbeddedHostWithoutDeployAndShutDownToDone() throws Exception {
        int demoVm = allocate(proxy, "ignored", "CPU = 1\nMEMORY = 128\nNIC = [ NETWORK = \"public\", NETWORK_UNAME = \"oneadmin\" ]");
        int adminVm = allocate(rpc2, admin, "CPU = 0.5\nMEMORY = 256\nDISK = [ SOURCE = \"" + cloud.localImage()
                + "\", TARGET = \"vda\", DRIVER = \"raw\" ]\nNIC = [ NETWORK = \"public\", NETWORK_UNAME = \"oneadmin\" ]");
        awaitState(proxy, "ignored", demoVm, "3", "3");
        awaitState(rpc2, admin, adminVm, "3", "3");
        for (String doc : List.of(info(proxy, "x", demoVm), info(rpc2, admin, adminVm))) {
            assertEquals("test:///default", element(doc, "HOSTNAME"));
            assertTrue(doc, element(doc, "DEPLOY_ID").startsWith("one-"));
        }
        String host = (String) ((List<?>) rpc2.call("one.hostpool.info", admin)).get(1);
        assertEquals(host, "2", element(host, "STATE"));
        assertEquals(host, "150", element(host, "CPU_USAGE"));
        assertEquals(host, Long.toString((128 + 256) * 1024), element(host, "MEM_USAGE"));
        assertEquals(host, "2", element(host, "RUNNING_VMS"));

        assertEquals(Boolean.TRUE, ((List<?>) proxy.call("one.vm.action", "x", "shutdown", demoVm)).get(0));
        assertEquals(Boolean.TRUE, ((List<?>) rpc2.call("one.vm.action", admin, "shutdown", adminVm)).get(0));
        awaitState(proxy, "x", demoVm, "6", "0");
        awaitState(rpc2, admin, adminVm, "6", "0");
        String after = (String) ((List<?>) rpc2.call("one.hostpool.info", admin)).get(1);
        assertEquals(after, "0", element(after, "RUNNING_VMS"));
        assertEquals(after, "0", element(after, "CPU_USAGE"));
    }

    @Test
    public void aLegacyTemplateWithAnUnknownMarketplaceImageFailsClearly() throws Exception {
        String legacy;
        try (InputStream in = getClass().getResourceAsStream("/legacy-default.tmpl")) {
            // loopback only: the template's marketplace becomes the embedded one, which lacks the image
            legacy = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("https://marketplace.example.org", cloud.endpoints().get("marketplace"));
        }
        int vm = allocate(proxy, "x", legacy);
        awaitState(proxy, "x", vm, "7", "0");
        String doc = info(proxy, "x", vm);
        String message = doc.replaceAll("(?s).*<ERROR><MESSAGE><!\\[CDATA\\[(.*?)]]></MESSAGE>.*", "$1");
        assertEquals(doc, "prolog: Failed to get manifest for image BN1EEkPiBx87_uLj2-sdybSI-Xb", message);
    }
}
