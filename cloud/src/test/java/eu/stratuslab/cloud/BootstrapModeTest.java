package eu.stratuslab.cloud;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import eu.stratuslab.xmlrpc.XmlRpcClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Test;

/**
 * {@code bootstrap = minimal} in cloud.cfg (xmlrpc-api.md §12): a cloud started by the launcher on a
 * fresh home holds only the core's bootstrap users, groups and ACL rules, so a client's first host,
 * network, image, template and VM get id 0.
 */
public class BootstrapModeTest extends OnACloudSite {
    @Test
    public void minimalBootstrapCreatesOnlyTheCoreObjects() throws Exception {
        Path home = site.home("cloud", "bootstrap = minimal\n" + CloudSite.EPHEMERAL_PORTS);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CloudLauncher cloud = site.start(new CloudHome(home), new PrintStream(out, true, StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("READY"));

        List<String> credentials = Files.readAllLines(home.resolve("credentials.txt"));
        assertFalse("no demo account is generated", credentials.stream().anyMatch(l -> l.startsWith("demo:")));
        String session = "oneadmin:" + CloudSite.password(credentials, "oneadmin");
        XmlRpcClient rpc2 = new XmlRpcClient(URI.create(cloud.endpoints().get("rpc2")));

        String users = document(rpc2.call("one.userpool.info", session));
        assertEquals("the readiness probe created no account", List.of("oneadmin", "serveradmin"), all(users, "USER", "NAME"));
        assertEquals(List.of("oneadmin", "users"), all(document(rpc2.call("one.grouppool.info", session)), "GROUP", "NAME"));
        assertEquals(List.of("0", "1"), all(document(rpc2.call("one.acl.info", session)), "ACL", "ID"));
        assertEquals("<HOST_POOL></HOST_POOL>", document(rpc2.call("one.hostpool.info", session)));
        assertEquals("<VNET_POOL></VNET_POOL>", document(rpc2.call("one.vnpool.info", session, -2, -1, -1)));
        assertEquals("<IMAGE_POOL></IMAGE_POOL>", document(rpc2.call("one.imagepool.info", session, -2, -1, -1)));
        assertEquals("<VMTEMPLATE_POOL></VMTEMPLATE_POOL>", document(rpc2.call("one.templatepool.info", session, -2, -1, -1)));

        assertEquals(0, id(rpc2.call("one.host.allocate", session, "node0", "im_dummy", "vmm_dummy", "dummy", "tm_dummy")));
        assertEquals(0, id(rpc2.call("one.vn.allocate", session,
                "NAME = net\nTYPE = RANGED\nBRIDGE = br0\nNETWORK_ADDRESS = 10.9.0.0\n")));
        assertEquals(0, id(rpc2.call("one.image.allocate", session, "NAME = first\nPATH = /var/tmp/first.img\n")));
        assertEquals(0, id(rpc2.call("one.template.allocate", session, "NAME = t\nCPU = 1\nMEMORY = 64\n")));
        assertEquals(0, id(rpc2.call("one.vm.allocate", session, "CPU = 1\nMEMORY = 64\nNIC = [ NETWORK_ID = 0 ]\n")));
    }

    @Test
    public void anUnknownBootstrapModeIsAClearError() throws Exception {
        Path file = site.tmp().newFile("cloud.cfg").toPath();
        Files.writeString(file, "bootstrap = tiny\n");
        assertEquals(file + ": bootstrap must be demo or minimal, not 'tiny'",
                assertThrows(IllegalArgumentException.class, () -> CloudConfig.load(file).bootstrapMode()).getMessage());
        Files.writeString(file, "# nothing\n");
        assertEquals(CloudConfig.BootstrapMode.DEMO, CloudConfig.load(file).bootstrapMode());
    }

    @Test
    public void quotasAreReadFromCloudCfg() throws Exception {
        Path file = site.tmp().newFile("quota.cfg").toPath();
        Files.writeString(file, CloudConfig.DEFAULT_TEXT + "quota.group.users.memory = 2GB\nquota.user.demo.vms = 10\n");
        eu.stratuslab.core.vm.QuotaSettings.Limits demo = CloudConfig.load(file).quotas().forOwner("demo", "users");
        assertEquals(Double.valueOf(20), demo.cpu());
        assertEquals(Double.valueOf(2048), demo.memoryMb());
        assertEquals(Integer.valueOf(10), demo.vms());
        Files.writeString(file, "quota.vms = many\n");
        assertEquals(file + ": quota.vms must be a number, not 'many'",
                assertThrows(IllegalArgumentException.class, () -> CloudConfig.load(file).quotas()).getMessage());
    }

    private static String document(Object response) {
        List<?> r = (List<?>) response;
        assertEquals(String.valueOf(r), Boolean.TRUE, r.get(0));
        return (String) r.get(1);
    }

    private static int id(Object response) {
        List<?> r = (List<?>) response;
        assertEquals(String.valueOf(r), Boolean.TRUE, r.get(0));
        return (Integer) r.get(1);
    }

    /** The text of {@code <field>} in every {@code <element>}, in document order. */
    private static List<String> all(String xml, String element, String field) {
        Matcher m = Pattern.compile("<" + element + ">.*?<" + field + ">([^<]*)</" + field + ">", Pattern.DOTALL)
                .matcher(xml);
        List<String> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
