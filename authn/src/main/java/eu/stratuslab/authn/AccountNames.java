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
        return URLEncoder.encode(identity, StandardCharsets.UTF_8);
    }
}
