package eu.stratuslab.pdisk.service;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The authenticated caller: identity (Basic user or certificate DN), its account name
 * (URL-encoded identity, as hooks write {@code owner}) and whether it is the pdisk superuser.
 */
public record Caller(String identity, String accountName, boolean superuser) {

    public static Caller of(String identity, String serviceUser) {
        return new Caller(identity, URLEncoder.encode(identity, StandardCharsets.UTF_8), identity.equals(serviceUser));
    }

    /** Owner match of pdisk-api.md §2: either name of the caller. */
    public boolean owns(String owner) {
        return owner.equals(identity) || owner.equals(accountName);
    }
}
