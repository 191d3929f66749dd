package eu.stratuslab.authn;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Derives the core account name from an identity (authn.md §9). The encoding is byte-exact with
 * the original ({@code URLEncoder.encode(identity, "UTF-8")}): existing OpenNebula databases and
 * pdisk {@code owner} fields hold names in this form, so any change would orphan VMs and disks.
 */
public final class AccountNames {

    private AccountNames() {
    }

    public static String accountName(String identity) {
        // most identities (plain user names) are their own encoding: no encoder run per request
        return unchangedByEncoding(identity) ? identity : URLEncoder.encode(identity, StandardCharsets.UTF_8);
    }

    /** Only characters that {@link URLEncoder} leaves as they are: letters, digits and {@code .-*_}. */
    private static boolean unchangedByEncoding(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean kept = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '-' || c == '*' || c == '_';
            if (!kept) {
                return false;
            }
        }
        return true;
    }
}
