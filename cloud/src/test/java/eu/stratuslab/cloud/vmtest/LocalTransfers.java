package eu.stratuslab.cloud.vmtest;

import eu.stratuslab.core.Core;
import eu.stratuslab.hooks.cache.ImageCache;
import eu.stratuslab.hooks.cache.StoredEntries;
import eu.stratuslab.hooks.context.GuestScripts;
import eu.stratuslab.hooks.pdisk.PdiskClient;
import eu.stratuslab.hooks.pdisk.PdiskQuarantineStore;
import eu.stratuslab.hooks.policy.SitePolicy;
import eu.stratuslab.hooks.transfer.HookTransferManager;
import eu.stratuslab.hooks.transfer.HooksSettings;
import eu.stratuslab.infra.exec.ProcessCommandRunner;
import eu.stratuslab.marketplace.manifest.MarketplaceClient;
import eu.stratuslab.quarantine.Quarantine;
import eu.stratuslab.quarantine.QuarantineSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * The real transfer manager of the hooks for test clouds without pdisk or marketplace: local
 * images, volatile disks and context work; marketplace and pdisk sources fail (nothing listens
 * at the configured endpoints).
 */
public final class LocalTransfers {
    private LocalTransfers() {
    }

    public static HookTransferManager create(Path home, Core core) throws IOException {
        Path scripts = home.resolve("guest-scripts");
        GuestScripts.install(scripts);
        HooksSettings settings = new HooksSettings(URI.create("http://127.0.0.1:9/marketplace"),
                home.resolve("policy.cfg"), home.resolve("image-cache"), scripts, "pdisk", Duration.ofMinutes(2));
        PdiskClient pdisk = new PdiskClient(URI.create("http://127.0.0.1:9/pdisk"), "pdisk", "unused".toCharArray(),
                null, Duration.ofSeconds(5), Duration.ofSeconds(5));
        ImageCache cache = new ImageCache(pdisk, new MarketplaceClient(Duration.ofSeconds(2), Duration.ofSeconds(2))::fetch,
                new SitePolicy(settings.policyFile()), new StoredEntries(settings.cacheStateDir()));
        // quarantine of finished VMs under the test home; nothing to quarantine in pdisk (none listens)
        Quarantine quarantine = new Quarantine(QuarantineSettings.defaults().withLocation(
                home.toAbsolutePath().resolve("quarantine")), new PdiskQuarantineStore(pdisk, "pdisk"), null,
                Clock.systemDefaultZone());
        return new HookTransferManager(settings, pdisk, cache, new ProcessCommandRunner(), core.lifecycle().log(),
                quarantine);
    }
}
