package eu.stratuslab.cloud;

import eu.stratuslab.core.vm.VmLog;
import eu.stratuslab.hooks.cache.ImageCache;
import eu.stratuslab.hooks.cache.StoredEntries;
import eu.stratuslab.hooks.context.GuestScripts;
import eu.stratuslab.hooks.pdisk.PdiskClient;
import eu.stratuslab.hooks.policy.SitePolicy;
import eu.stratuslab.hooks.transfer.HookTransferManager;
import eu.stratuslab.hooks.transfer.HooksSettings;
import eu.stratuslab.infra.config.IniFile;
import eu.stratuslab.infra.exec.ProcessCommandRunner;
import eu.stratuslab.marketplace.manifest.MarketplaceClient;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/**
 * The hooks of an embedded cloud: {@code stratuslab.cfg} and {@code policy.cfg} in the cloud home
 * (written with the embedded values when missing), the guest context scripts in
 * {@code var/share/stratuslab/context}, and the transfer manager talking to pdisk as its
 * superuser and to the marketplaces.
 */
final class HooksPart {
    static final String POLICY_TEXT = """
            # Site image policy (hooks.md §3.3; reference: conf/policy.cfg). Evaluated at every deployment
            # of a marketplace image. Lists hold one item per line, each indented by a space; an empty
            # list does not filter. Order: endorsers, checksums, images; whitelists keep only what they list.
            [endorsers]
            whitelistendorsers =
            blacklistendorsers =

            [checksums]
            whitelistchecksums =
            blacklistchecksums =

            [images]
            whitelistimages =
            blacklistimages =
            """;

    private HooksPart() {
    }

    static Path stratuslabCfg(CloudHome home) {
        return home.etc().resolve("stratuslab.cfg");
    }

    static Path policyCfg(CloudHome home) {
        return home.etc().resolve("policy.cfg");
    }

    static Path guestScripts(CloudHome home) {
        return home.root().resolve("var/share/stratuslab/context");
    }

    /** Writes the missing files with the embedded cloud's values. */
    static void writeMissing(CloudHome home) throws IOException {
        CloudHome.writeIfMissing(stratuslabCfg(home), """
                # Site configuration read by the hooks (hooks.md §2; reference: conf/stratuslab.cfg).
                [default]
                # Marketplace of bare image ids and target of saved images' manifests.
                # Default: the embedded marketplace (endpoints.txt).
                # marketplace_endpoint_local = http://marketplace.example.org
                built_image_validity_period = 2
                save_image_reply_to_email = noreply@stratuslab.eu
                smtp_host = localhost

                [persistent-disks]
                # The pdisk endpoint the hooks use: http(s)://<ip>:<port>/<path> (https when pdisk.tls in
                # cloud.cfg). Default: the embedded pdisk (endpoints.txt).
                # persistent_disk_ip = 127.0.0.1
                # persistent_disk_port = 8445
                # persistent_disk_path = pdisk
                persistent_disk_cloud_service_user = pdisk
                """, false);
        CloudHome.writeIfMissing(policyCfg(home), POLICY_TEXT, false);
        GuestScripts.install(guestScripts(home));
    }

    /**
     * @param embeddedPdisk       the embedded pdisk's endpoint, used unless stratuslab.cfg names one
     * @param embeddedMarketplace the embedded marketplace, used unless stratuslab.cfg names one
     */
    static HookTransferManager transferManager(CloudHome home, CloudConfig cfg, Credentials credentials,
                                               SSLContext pdiskTrust, VmLog log, URI embeddedPdisk,
                                               URI embeddedMarketplace) throws IOException {
        IniFile site = IniFile.load(stratuslabCfg(home));
        boolean tls = cfg.getBoolean("pdisk.tls", true);
        String user = site.anySection("persistent_disk_cloud_service_user").orElse("pdisk");
        URI pdiskEndpoint = site.anySection("persistent_disk_ip").map(ip -> URI.create((tls ? "https" : "http") + "://"
                + ip + ":" + site.anySection("persistent_disk_port").orElse(tls ? "443" : "80") + "/"
                + site.anySection("persistent_disk_path").orElse("pdisk"))).orElse(embeddedPdisk);
        URI marketplace = site.anySection("marketplace_endpoint_local").map(URI::create).orElse(embeddedMarketplace);
        PdiskClient pdisk = new PdiskClient(pdiskEndpoint, user, credentials.password(user).toCharArray(),
                tls ? pdiskTrust : null, Duration.ofSeconds(60), Duration.ofMinutes(30));
        HooksSettings settings = new HooksSettings(marketplace, policyCfg(home),
                home.root().resolve("var/lib/stratuslab/image-cache"), guestScripts(home), user, Duration.ofMinutes(10));
        MarketplaceClient marketplaces = new MarketplaceClient();
        ImageCache cache = new ImageCache(pdisk, marketplaces::fetch, new SitePolicy(settings.policyFile()),
                new StoredEntries(settings.cacheStateDir()));
        return new HookTransferManager(settings, pdisk, cache, new ProcessCommandRunner(), log);
    }
}
