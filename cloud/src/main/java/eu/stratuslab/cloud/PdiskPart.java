package eu.stratuslab.cloud;

import eu.stratuslab.oneproxy.server.OneProxyServer;
import eu.stratuslab.pdisk.PdiskConfig;
import eu.stratuslab.pdisk.PdiskServer;
import java.net.URI;

/** The pdisk service of an embedded cloud, configured from DIR/etc/stratuslab/pdisk*.cfg. */
final class PdiskPart {
    private final PdiskServer server;

    PdiskPart(CloudHome home, CloudConfig cfg, OneProxyServer proxy) throws Exception {
        PdiskConfig config = PdiskConfig.load(home.etc().resolve("pdisk.cfg"), home.etc().resolve("pdisk-backend.cfg"));
        this.server = new PdiskServer(config, null);
    }

    void start() throws Exception {
        server.start();
    }

    URI endpoint() {
        return server.endpoint();
    }

    void stop() {
        server.stop();
    }
}
