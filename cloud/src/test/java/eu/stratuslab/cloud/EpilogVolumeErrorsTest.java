package eu.stratuslab.cloud;

import static org.junit.Assert.assertTrue;

import eu.stratuslab.cloud.vmtest.ApiCloud;
import eu.stratuslab.cloud.vmtest.PrivateNodeCloud;
import eu.stratuslab.core.transfer.RegistrationFile;
import java.nio.file.Path;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;

/**
 * hooks.md §4.1: the epilog attempts every registered volume and reports the errors together. Here
 * pdisk cannot be reached (the test transfer manager points at a closed loopback port), so
 * unregistering fails for both volumes: the VM fails with one message naming both.
 */
public class EpilogVolumeErrorsTest {
    @Rule
    public final PrivateNodeCloud env = new PrivateNodeCloud();
    private ApiCloud cloud;

    @Before
    public void start() {
        cloud = env.cloud();
    }

    @Test
    public void everyRegisteredVolumeIsAttemptedAndTheErrorsAreReportedTogether() throws Exception {
        int id = cloud.id(ApiCloud.ADMIN, "one.vm.allocate", "CPU = 1\nMEMORY = 64\n"
                + "NIC = [ NETWORK = public, NETWORK_UNAME = oneadmin ]\n");
        cloud.awaitVm(id, 3, 3);
        Path vmDir = cloud.core.settings().varDir().resolve(Integer.toString(id));
        RegistrationFile registrations = new RegistrationFile(vmDir.resolve("pdisk"));
        registrations.append("https://127.0.0.1:9/pdisk/first-volume");
        registrations.append("pdisk://127.0.0.1:9/pdisk/second-volume"); // as a hot-plug registers it

        assertTrue(cloud.call(ApiCloud.ADMIN, "one.vm.action", "shutdown", id).success());
        cloud.awaitVm(id, 7, 0);
        String message = cloud.vm(id).get("/VM/TEMPLATE/ERROR/MESSAGE");
        assertTrue(message, message.startsWith("epilog: "));
        assertTrue(message, message.contains("cannot detach first-volume: "));
        assertTrue(message, message.contains("cannot detach second-volume: "));
    }
}
