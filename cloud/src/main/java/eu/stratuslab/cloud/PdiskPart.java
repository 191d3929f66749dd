package eu.stratuslab.cloud;

import eu.stratuslab.authn.cert.GridTrust;
import eu.stratuslab.authn.tls.TlsSettings;
import eu.stratuslab.infra.db.DbSettings;
import eu.stratuslab.pdisk.PdiskConfig;
import eu.stratuslab.pdisk.PdiskServer;
import java.net.URI;

/**
 * The pdisk service of an embedded cloud: configured from DIR/etc/stratuslab/pdisk.cfg and
 * pdisk-backend.cfg, with the cloud's login.conf, the file backend under DIR/var/lib/stratuslab/pdisk
 * and HTTPS with the same server certificate and the same grid trust policy as the one-proxy. With {@code db.url} in cloud.cfg pdisk
 * keeps its tables in the cloud's database (as the core does); otherwise in its own embedded H2 file.
 */
final class PdiskPart {
    private final PdiskServer server;

    /** @param trust the cloud's grid trust, shared with the one-proxy */
    PdiskPart(CloudHome home, CloudConfig cfg, TlsSettings tls, GridTrust trust) {
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
        this.server = new PdiskServer(config, null, trust);
    }

    void start() throws Exception {
        server.start();
    }

    /**
     * Attach and detach through pdisk's mounts API reach running domains through the VM manager
     * (pdisk-api.md §11.3) when pdisk.cfg says {@code disk.store.cloud.node.hotplug = cloud}.
     */
    void useHotplug(eu.stratuslab.core.transfer.VolumeHotplug hotplug) {
        server.services().mounts().useCloudHotplug(new PdiskVmHotplug(hotplug));
    }

    /** pdisk's mount service, for the start-up reconciliation. */
    eu.stratuslab.pdisk.service.MountService mounts() {
        return server.services().mounts();
    }

    /** pdisk's services (volumes and mounts), for the cloud's gauges. */
    eu.stratuslab.pdisk.PdiskServices services() {
        return server.services();
    }

    URI endpoint() {
        return server.endpoint();
    }

    void stop() {
        server.stop();
    }
}
