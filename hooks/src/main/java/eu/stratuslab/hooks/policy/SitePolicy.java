package eu.stratuslab.hooks.policy;

import eu.stratuslab.infra.config.IniFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The site's image policy, {@code policy.cfg} (hooks.md §3.3): white and black lists of endorser
 * e-mails, image identifiers and SHA-1 checksums, applied to each manifest entry. The file is read
 * at every evaluation, so an administrator's edit counts for the next deployment.
 */
public final class SitePolicy {
    public static final String MISSING_FILE = "Can't find policy configuration file";

    /** What the policy looks at in one manifest entry. */
    public record Facts(String identifier, String endorserEmail, String sha1) {
    }

    private record Filter(String section, String key, boolean white, String what, Function<Facts, String> value) {
    }

    /** hooks.md §3.3: the order in which the lists apply, each only when non-empty. */
    private static final List<Filter> FILTERS = List.of(
            new Filter("endorsers", "whitelistendorsers", true, "email endorser", Facts::endorserEmail),
            new Filter("endorsers", "blacklistendorsers", false, "email endorser", Facts::endorserEmail),
            new Filter("checksums", "whitelistchecksums", true, "checksum", Facts::sha1),
            new Filter("checksums", "blacklistchecksums", false, "checksum", Facts::sha1),
            new Filter("images", "whitelistimages", true, "image", Facts::identifier),
            new Filter("images", "blacklistimages", false, "image", Facts::identifier));

    private final Path file;

    public SitePolicy(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /**
     * The entries that survive every list, in their order; every entry is evaluated.
     *
     * @param reasons receives one line per rejected entry (for the VM log)
     * @throws IOException {@link #MISSING_FILE} when the file does not exist, or a syntax error
     */
    public <E> List<E> filter(List<E> entries, Function<E, Facts> facts, Consumer<String> reasons) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(MISSING_FILE);
        }
        IniFile ini;
        try {
            ini = IniFile.load(file);
        } catch (IllegalArgumentException e) {
            throw new IOException("policy configuration file " + file + ": " + e.getMessage(), e);
        }
        List<E> kept = new ArrayList<>();
        for (E entry : entries) {
            String rejection = rejection(ini, facts.apply(entry));
            if (rejection == null) {
                kept.add(entry);
            } else {
                reasons.accept(rejection);
            }
        }
        return kept;
    }

    private static String rejection(IniFile ini, Facts f) {
        for (Filter filter : FILTERS) {
            List<String> listed = ini.list(filter.section(), filter.key()).stream()
                    .map(s -> s.toLowerCase(Locale.ROOT)).toList();
            if (listed.isEmpty()) {
                continue;
            }
            String value = filter.value().apply(f);
            // identifiers are case-sensitive; e-mails and hex checksums are not
            boolean present = value != null && (filter.section().equals("images")
                    ? ini.list(filter.section(), filter.key()).contains(value)
                    : listed.contains(value.toLowerCase(Locale.ROOT)));
            if (filter.white() && !present) {
                return filter.what() + " " + value + " is not whitelisted, rejecting entry";
            }
            if (!filter.white() && present) {
                return filter.what() + " " + value + " is blacklisted, rejecting entry";
            }
        }
        return null;
    }
}
