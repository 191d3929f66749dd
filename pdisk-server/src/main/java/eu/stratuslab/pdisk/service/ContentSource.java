package eu.stratuslab.pdisk.service;

/**
 * Where to initialise a new disk from, and what the data must match (null = not checked).
 *
 * @param userPolicy the URL policy of ordinary users applies even to the superuser (form field
 *                   {@code url_policy=user}: the cloud's hooks importing a location a user chose)
 */
public record ContentSource(String url, Long bytes, String sha1, boolean userPolicy) {

    public ContentSource(String url, Long bytes, String sha1) {
        this(url, bytes, sha1, false);
    }
}
