package eu.stratuslab.cloud;

import eu.stratuslab.core.image.ImagePool;
import eu.stratuslab.core.vm.VmLog;
import eu.stratuslab.hooks.cache.GuardedMarketplaces;
import eu.stratuslab.hooks.cache.ImageCache;
import eu.stratuslab.infra.net.HostResolver;
import eu.stratuslab.infra.net.UrlGuard;
import eu.stratuslab.infra.net.UrlPolicy;
import eu.stratuslab.hooks.cache.StoredEntries;
import eu.stratuslab.hooks.context.GuestScripts;
import eu.stratuslab.hooks.pdisk.PdiskClient;
import eu.stratuslab.hooks.policy.SitePolicy;
import eu.stratuslab.hooks.save.DiskSaveAs;
import eu.stratuslab.hooks.save.ImageSaver;
import eu.stratuslab.hooks.save.SaveSettings;
import eu.stratuslab.hooks.transfer.HookTransferManager;
import eu.stratuslab.hooks.transfer.HooksSettings;
import eu.stratuslab.infra.config.IniFile;
import eu.stratuslab.infra.exec.ProcessCommandRunner;
import eu.stratuslab.marketplace.manifest.MarketplaceClient;
import eu.stratuslab.quarantine.Quarantine;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
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

    static Path guestScripts(CloudHome home) {
        return home.root().resolve("var/share/stratuslab/context");
    }

    /** Writes the missing files with the embedded cloud's values. */
    static void writeMissing(CloudHome home) throws IOException {
        CloudHome.writeIfMissing(home.stratuslabCfg(), """
                # Site configuration read by the hooks (hooks.md §2; reference: conf/stratuslab.cfg).
                [default]
                # Marketplace of bare image ids and target of saved images' manifests.
                # Default: the embedded marketplace (endpoints.txt).
                # marketplace_endpoint_local = http://marketplace.example.org
                # Saved images (hooks.md §4.2): validity in days of the draft manifest and of its throw-away
                # signing certificate; the From address and the SMTP server of the mail to CREATOR_EMAIL.
                built_image_validity_period = 2
                save_image_reply_to_email = noreply@stratuslab.eu
                smtp_host = localhost
                # smtp_port = 25

                [persistent-disks]
                # The pdisk endpoint the hooks use: http(s)://<ip>:<port>/<path> (https when pdisk.tls in
                # cloud.cfg). Default: the embedded pdisk (endpoints.txt).
                # persistent_disk_ip = 127.0.0.1
                # persistent_disk_port = 8445
                # persistent_disk_path = pdisk
                # Public pdisk URL: host and port of saved images' manifest locations
                # (pdisk:<host>:<port>:<uuid>) and the links in the save mail. Default: the endpoint above.
                # persistent_disk_public_base_url = https://pdisk.example.org/pdisk
                persistent_disk_cloud_service_user = pdisk
                """, false);
        CloudHome.writeIfMissing(home.policyCfg(), POLICY_TEXT, false);
        GuestScripts.install(guestScripts(home));
    }

    /** The pdisk superuser the hooks and the quarantine act as ({@code persistent_disk_cloud_service_user}). */
    static String pdiskSuperuser(CloudHome home) throws IOException {
        return IniFile.load(home.stratuslabCfg()).anySection("persistent_disk_cloud_service_user").orElse("pdisk");
    }

    /** pdisk's endpoint: the one stratuslab.cfg names, else the embedded one. */
    static URI pdiskEndpoint(CloudHome home, CloudConfig cfg, URI embeddedPdisk) throws IOException {
        IniFile site = IniFile.load(home.stratuslabCfg());
        boolean tls = cfg.getBoolean("pdisk.tls", true);
        return site.anySection("persistent_disk_ip").map(ip -> URI.create((tls ? "https" : "http") + "://"
                + ip + ":" + site.anySection("persistent_disk_port").orElse(tls ? "443" : "80") + "/"
                + site.anySection("persistent_disk_path").orElse("pdisk"))).orElse(embeddedPdisk);
    }

    /**
     * A pdisk client as the superuser: the endpoint of stratuslab.cfg, else the embedded one.
     *
     * @param embeddedPdisk the embedded pdisk's endpoint, used unless stratuslab.cfg names one
     */
    static PdiskClient pdiskClient(CloudHome home, CloudConfig cfg, Credentials credentials, SSLContext pdiskTrust,
                                   URI embeddedPdisk) throws IOException {
        boolean tls = cfg.getBoolean("pdisk.tls", true);
        String user = pdiskSuperuser(home);
        return new PdiskClient(pdiskEndpoint(home, cfg, embeddedPdisk), user, credentials.password(user).toCharArray(),
                tls ? pdiskTrust : null, Duration.ofSeconds(60), Duration.ofMinutes(30));
    }

    /**
     * @param embeddedPdisk       the embedded pdisk's endpoint, used unless stratuslab.cfg names one
     * @param embeddedMarketplace the embedded marketplace, used unless stratuslab.cfg names one
     * @param images              the core's image pool, for the copies of {@code one.vm.savedisk}; null: none
     * @param quarantine          takes the snapshots and directories of finished VMs
     * @param metrics             times the prolog and epilog steps, counts image cache hits and misses
     */
    static HookTransferManager transferManager(CloudHome home, CloudConfig cfg, Credentials credentials,
                                               SSLContext pdiskTrust, VmLog log, URI embeddedPdisk,
                                               URI embeddedMarketplace, ImagePool images, Quarantine quarantine,
                                               eu.stratuslab.infra.metrics.Metrics metrics)
            throws IOException {
        IniFile site = IniFile.load(home.stratuslabCfg());
        String user = pdiskSuperuser(home);
        URI pdiskEndpoint = pdiskEndpoint(home, cfg, embeddedPdisk);
        URI marketplace = site.anySection("marketplace_endpoint_local").map(URI::create).orElse(embeddedMarketplace);
        PdiskClient pdisk = pdiskClient(home, cfg, credentials, pdiskTrust, embeddedPdisk);
        HooksSettings settings = new HooksSettings(marketplace, home.policyCfg(),
                home.root().resolve("var/lib/stratuslab/image-cache"), guestScripts(home), user, Duration.ofMinutes(10));
        MarketplaceClient marketplaces = new MarketplaceClient();
        StoredEntries stored = new StoredEntries(settings.cacheStateDir());
        // a marketplace a user names in a DISK SOURCE goes through the SSRF guard; the site's own do not
        java.util.List<String> allow = java.util.Arrays.stream(cfg.get("marketplace.url.allow", "").split("[,\\s]+"))
                .filter(e -> !e.isBlank()).toList();
        GuardedMarketplaces manifests = new GuardedMarketplaces(marketplaces,
                java.util.List.of(marketplace, embeddedMarketplace),
                UrlGuard.restricted(UrlPolicy.withAllowList("marketplace.url.allow", allow), HostResolver.SYSTEM));
        ImageCache cache = new ImageCache(pdisk, manifests, new SitePolicy(settings.policyFile()), stored, metrics);
        SaveSettings save;
        try {
            save = SaveSettings.from(site, pdiskEndpoint, marketplace);
        } catch (IllegalArgumentException e) {
            throw new IOException(home.stratuslabCfg() + ": " + e.getMessage(), e);
        }
        ProcessCommandRunner runner = new ProcessCommandRunner();
        DiskSaveAs diskSaveAs = images == null ? null
                : new DiskSaveAs(runner, settings.commandTimeout(), new ImagePoolSink(images), log);
        ImageSaver saver = new ImageSaver(save, pdisk, marketplaces, stored, log, Clock.systemDefaultZone(), diskSaveAs);
        return new HookTransferManager(settings, pdisk, cache, runner, log, saver, quarantine, metrics);
    }
}
