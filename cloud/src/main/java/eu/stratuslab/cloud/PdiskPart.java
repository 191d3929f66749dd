package eu.stratuslab.cloud;

import eu.stratuslab.authn.tls.TlsSettings;
import eu.stratuslab.core.db.DbSettings;
import eu.stratuslab.pdisk.PdiskConfig;
import eu.stratuslab.pdisk.PdiskServer;
import java.net.URI;

/**
 * The pdisk service of an embedded cloud: configured from DIR/etc/stratuslab/pdisk.cfg and
 * pdisk-backend.cfg, with the cloud's login.conf, the file backend under DIR/var/lib/stratuslab/pdisk
 * and HTTPS with the same server certificate as the one-proxy. With {@code db.url} in cloud.cfg pdisk
 * keeps its tables in the cloud's database (as the core does); otherwise in its own embedded H2 file.
 */
final class PdiskPart {
    private final PdiskServer server;

    PdiskPart(CloudHome home, CloudConfig cfg, TlsSettings tls) {
        PdiskConfig config = PdiskConfig.load(home.etc().resolve("pdisk.cfg"), home.etc().resolve("pdisk-backend.cfg"))
                .withDataDirectory(home.pdiskData())
                .withLoginConf(home.loginConf())
                .withBindHost(cfg.get("pdisk.host", cfg.get("proxy.host", "127.0.0.1")));
        String dbUrl = cfg.get("db.url", null);
        if (dbUrl != null) {
            config = config.withDatabase(new DbSettings(dbUrl, cfg.get("db.user", ""), cfg.get("db.password", ""), 8));
        }
        if (cfg.getBoolean("pdisk.tls", true)) {
            config = config.withTlsSettings(tls).withHttpsPort(cfg.getInt("pdisk.port", 8445));
        } else {
            config = config.withTls(false).withHttpPort(cfg.getInt("pdisk.port", 9206));
        }
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
