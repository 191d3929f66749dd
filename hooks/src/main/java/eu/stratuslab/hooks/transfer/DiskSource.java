package eu.stratuslab.hooks.transfer;

import java.util.regex.Pattern;

/** The source forms of hooks.md §3.1, in the order the prolog checks them. */
public enum DiskSource {
    /** {@code http(s)://<marketplace>/metadata/<id>[/…]} */
    MARKETPLACE,
    /** {@code pdisk:…} */
    PDISK,
    /** a bare 27-character marketplace identifier as last path segment */
    MARKETPLACE_ID,
    /** an absolute path on the front-end */
    LOCAL_FILE,
    /** anything else, including empty */
    UNSUPPORTED;

    private static final Pattern MARKETPLACE_URL = Pattern.compile("^https?://.+/metadata/[^/]+(/.*)?$");
    private static final Pattern IDENTIFIER = Pattern.compile("^[A-Za-z0-9_-]{27}$");

    /** The trailing volume UUID of a {@code pdisk:} source in any form of pdisk-api.md §9. */
    public static String pdiskUuid(String source) {
        String s = source.strip();
        int cut = Math.max(s.lastIndexOf('/'), s.lastIndexOf(':'));
        return s.substring(cut + 1);
    }

    /** The marketplace id: the path segment after {@code /metadata/}, or the last segment of a bare id. */
    public static String marketplaceId(String source) {
        String s = source.strip();
        int m = s.indexOf("/metadata/");
        if (m >= 0) {
            String rest = s.substring(m + "/metadata/".length());
            int slash = rest.indexOf('/');
            return slash < 0 ? rest : rest.substring(0, slash);
        }
        return s.substring(s.lastIndexOf('/') + 1);
    }

    /** The marketplace of a full {@code …/metadata/<id>} URL: everything before {@code /metadata/}; else null. */
    public static String marketplaceOf(String source) {
        String s = source.strip();
        int m = s.indexOf("/metadata/");
        return m < 0 ? null : s.substring(0, m);
    }

    public static DiskSource classify(String source) {
        if (source == null || source.isBlank()) {
            return UNSUPPORTED;
        }
        String s = source.strip();
        if (MARKETPLACE_URL.matcher(s).matches()) {
            return MARKETPLACE;
        }
        if (s.startsWith("pdisk:")) {
            return PDISK;
        }
        String last = s.substring(s.lastIndexOf('/') + 1);
        if (IDENTIFIER.matcher(last).matches()) {
            return MARKETPLACE_ID;
        }
        if (s.startsWith("/")) {
            return LOCAL_FILE;
        }
        return UNSUPPORTED;
    }
}
