package eu.stratuslab.core.vmmanager;

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
