package eu.stratuslab.xmlrpc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Raw bytes of the oned 3.2.1 recordings copied from the spec into src/test/resources/golden. */
final class Golden {

    static final String[] ALL = {
        "acl.info", "error-allocate-parse", "error-bad-password", "error-vm.action-wrong-state",
        "error-vm.info-missing", "error-vmpool.info-bad-filter", "fault-bad-arity", "fault-unknown-method",
        "group.info-users", "host.info", "hostpool.info", "user.info-self", "userpool.info",
        "vm.action-shutdown", "vm.allocate-legacy-default", "vm.info-done", "vm.info-pending",
        "vm.info-running", "vmpool.info-all-incl-done", "vmpool.info-mine", "vn.info-public", "vnpool.info",
    };

    private Golden() {
    }

    static byte[] bytes(String name) {
        String resource = "/golden/" + name + ".response.xml";
        try (InputStream in = Golden.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
