package eu.stratuslab.cloud;

import static org.junit.Assert.assertTrue;

import eu.stratuslab.core.testsupport.Await;
import eu.stratuslab.xmlrpc.XmlRpcClient;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.Test;

/** OpenNebula-style VM_HOOK commands from etc/stratuslab/vm-hooks.conf run on the cloud's events. */
public class VmHooksTest extends OnACloudSite {
    @Test
    public void createAndRunningHooksGetTheVmIdAndItsDocument() throws Exception {
        Path out = site.newFolder("out");
        Path script = site.tmp().newFile("hook.sh").toPath();
        Files.writeString(script, "#!/bin/sh\necho \"$2\" | base64 -d > " + out + "/$1-$3\n");
        script.toFile().setExecutable(true);
        Path home = site.home("cloud", CloudSite.EPHEMERAL_PORTS);
        Files.writeString(home.resolve("etc/stratuslab/vm-hooks.conf"), """
                VM_HOOK = [ name = "on_create", on = "CREATE", command = "%1$s", arguments = "$VMID $TEMPLATE create" ]
                VM_HOOK = [ name = "on_running", on = "RUNNING", command = "%1$s", arguments = "$VMID $TEMPLATE running" ]
                """.formatted(script));
        CloudLauncher cloud = site.start(home);
        String admin = CloudSite.adminSession(home);
        XmlRpcClient rpc2 = new XmlRpcClient(URI.create(cloud.endpoints().get("rpc2")));
        List<?> r = (List<?>) rpc2.call("one.vm.allocate", admin,
                "MEMORY = 64\nNIC = [ NETWORK = \"public\", NETWORK_UNAME = \"oneadmin\" ]");
        int id = (Integer) r.get(1);
        Path created = out.resolve(id + "-create");
        Path running = out.resolve(id + "-running");
        Await.await("both hooks ran", Duration.ofSeconds(60), () -> complete(created) && complete(running));
        String atCreate = Files.readString(created);
        assertTrue(atCreate, atCreate.startsWith("<VM><ID>" + id + "</ID>"));
        assertTrue(atCreate, atCreate.contains("<STATE>1</STATE>"));
        assertTrue(Files.readString(running).contains("<STATE>3</STATE><LCM_STATE>3</LCM_STATE>"));
    }

    /** The hook writes the decoded document; it is complete once its closing tag is there. */
    private static boolean complete(Path file) {
        try {
            return Files.exists(file) && Files.readString(file, StandardCharsets.UTF_8).contains("</VM>");
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Test
    public void aBrokenHooksFileStopsTheStartWithItsName() throws Exception {
        Path home = site.home("broken", CloudSite.EPHEMERAL_PORTS);
        Files.writeString(home.resolve("etc/stratuslab/vm-hooks.conf"), "VM_HOOK = [ name = \"x\", on = \"REBOOT\", command = \"/bin/true\" ]\n");
        try {
            site.start(home);
            throw new AssertionError("the cloud started with a broken vm-hooks.conf");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("vm-hooks.conf") && e.getMessage().contains("ON must be"));
        }
    }
}
