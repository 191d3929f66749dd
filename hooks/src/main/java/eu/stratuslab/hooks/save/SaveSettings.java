package eu.stratuslab.hooks.save;

import eu.stratuslab.infra.config.IniFile;
import eu.stratuslab.infra.config.WholeNumbers;
import java.net.URI;
import java.util.Objects;

/**
 * The {@code stratuslab.cfg} keys of image saving (hooks.md §2, §4.2).
 *
 * @param localMarketplace   {@code marketplace_endpoint_local}: the second upload target
 * @param validityDays       {@code built_image_validity_period} (default 2): validity of the draft
 *                           manifest and of the throw-away signing certificate
 * @param replyTo            {@code save_image_reply_to_email}: From address of the mail
 * @param smtpHost           {@code smtp_host} (default {@code localhost})
 * @param smtpPort           {@code smtp_port} (project key, default 25)
 * @param locationHost       host of the {@code pdisk:<host>:<port>:<uuid>} location
 * @param locationPort       port of that location
 * @param pdiskPublicBase    the pdisk URL users see (links in the mail)
 */
public record SaveSettings(URI localMarketplace, int validityDays, String replyTo, String smtpHost, int smtpPort,
                           String locationHost, int locationPort, URI pdiskPublicBase) {

    public static final String DEFAULT_MARKETPLACE = "https://marketplace.stratuslab.eu";

    public SaveSettings {
        Objects.requireNonNull(localMarketplace, "localMarketplace");
        if (validityDays <= 0) {
            throw new IllegalArgumentException("built_image_validity_period must be a positive number of days: "
                    + validityDays);
        }
        Objects.requireNonNull(replyTo, "replyTo");
        Objects.requireNonNull(smtpHost, "smtpHost");
        Objects.requireNonNull(locationHost, "locationHost");
        Objects.requireNonNull(pdiskPublicBase, "pdiskPublicBase");
    }

    /**
     * Reads the keys of {@code site} (any section, as the original's scripts did).
     *
     * @param pdiskEndpoint    the pdisk endpoint the hooks use: location host and port and mail links
     *                         when {@code stratuslab.cfg} names no public pdisk
     * @param localMarketplace {@code marketplace_endpoint_local} as already resolved by the caller
     * @throws IllegalArgumentException with the key's name when a value is not usable
     */
    public static SaveSettings from(IniFile site, URI pdiskEndpoint, URI localMarketplace) {
        int validity = number(site, "built_image_validity_period", 2);
        String replyTo = site.anySection("save_image_reply_to_email").filter(s -> !s.isBlank())
                .orElse("noreply@stratuslab.eu").strip();
        String smtpHost = site.anySection("smtp_host").filter(s -> !s.isBlank()).orElse("localhost").strip();
        int smtpPort = number(site, "smtp_port", 25);
        String host;
        int port;
        URI publicBase;
        var publicUrl = site.anySection("persistent_disk_public_base_url").filter(s -> !s.isBlank());
        if (publicUrl.isPresent()) {
            publicBase = uri("persistent_disk_public_base_url", publicUrl.get().strip());
            host = publicBase.getHost();
            port = publicBase.getPort() < 0 ? 443 : publicBase.getPort();
        } else if (site.anySection("persistent_disk_ip").filter(s -> !s.isBlank()).isPresent()) {
            host = site.anySection("persistent_disk_ip").orElseThrow().strip();
            port = number(site, "persistent_disk_port", 443);
            publicBase = pdiskEndpoint;
        } else {
            host = pdiskEndpoint.getHost();
            port = pdiskEndpoint.getPort() < 0 ? ("http".equals(pdiskEndpoint.getScheme()) ? 80 : 443)
                    : pdiskEndpoint.getPort();
            publicBase = pdiskEndpoint;
        }
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("persistent_disk_public_base_url has no host: " + publicBase);
        }
        return new SaveSettings(localMarketplace, validity, replyTo, smtpHost, smtpPort, host, port, publicBase);
    }

    /** {@code pdisk:<host>:<port>:<uuid>} (hooks.md §4.2 step 6, pdisk-api.md §9 legacy form). */
    public String location(String uuid) {
        return "pdisk:" + locationHost + ":" + locationPort + ":" + uuid;
    }

    /** {@code <public base URL>/<pswd|cert>/disks/<uuid>}, the links of the mail. */
    public String diskLink(String path, String uuid) {
        String base = pdiskPublicBase.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base + "/" + path + "/disks/" + uuid;
    }

    private static int number(IniFile site, String key, int fallback) {
        String v = site.anySection(key).map(String::strip).filter(s -> !s.isEmpty()).orElse(null);
        if (v == null) {
            return fallback;
        }
        return WholeNumbers.atLeast(v, 1).orElseThrow(
                () -> new IllegalArgumentException(key + " in stratuslab.cfg must be a positive whole number: " + v));
    }

    private static URI uri(String key, String value) {
        try {
            return URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " in stratuslab.cfg is not a URL: " + value);
        }
    }
}
