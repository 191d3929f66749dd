package eu.stratuslab.hooks.transfer;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What the transfer manager needs to know about the site (hooks.md §2): where the local
 * marketplace is, the policy file, where stored manifest entries and the guest scripts live,
 * the pdisk superuser's name and the deadline of one external command.
 *
 * @param localMarketplace  {@code marketplace_endpoint_local}: the marketplace of bare image ids
 * @param policyFile        {@code policy.cfg}
 * @param cacheStateDir     front-end directory keeping the accepted manifest entries per origin
 * @param guestScripts      directory holding {@code init.sh}, {@code epilog.sh}, {@code prolog.sh}
 * @param pdiskSuperuser    {@code persistent_disk_cloud_service_user}
 * @param commandTimeout    deadline of one external command (qemu-img, mkfs, genisoimage)
 */
public record HooksSettings(URI localMarketplace, Path policyFile, Path cacheStateDir, Path guestScripts,
                            String pdiskSuperuser, Duration commandTimeout) {
}
