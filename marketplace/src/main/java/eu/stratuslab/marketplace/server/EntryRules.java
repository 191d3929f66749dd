package eu.stratuslab.marketplace.server;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import eu.stratuslab.marketplace.manifest.ImageIdentifier;
import eu.stratuslab.marketplace.manifest.ManifestEntry;

/** What the marketplace requires of an entry before it stores it (beyond the signature). */
final class EntryRules {

    /**
     * An endorser e-mail usable as a path segment and a file name: one {@code @}, no white space,
     * no URL delimiters, no {@code %} or backslash.
     */
    private static final Pattern EMAIL = Pattern.compile("^[^\\s/?#%\\\\@]+@[^\\s/?#%\\\\@]+$");

    private EntryRules() {
    }

    static boolean isEndorserEmail(String s) {
        return s != null && s.length() <= 254 && EMAIL.matcher(s).matches();
    }

    /** The storage key of an entry: identifier, endorser e-mail and endorsement time must be usable. */
    static StoredEntry keyOf(ManifestEntry entry) throws MarketplaceRequestException {
        String id = entry.identifier().orElseThrow(() -> bad("the entry has no dcterms:identifier"));
        if (!ImageIdentifier.isIdentifier(id)) {
            throw bad("dcterms:identifier '" + id + "' is not a 27-character image identifier");
        }
        String email = entry.endorserEmail().orElseThrow(() -> bad("the entry has no endorser e-mail"
                + " (slreq:endorsement/slreq:endorser/slreq:email); this marketplace files entries by endorser"));
        if (!isEndorserEmail(email)) {
            throw bad("the endorser e-mail '" + email + "' is not a plain e-mail address");
        }
        Instant created = entry.created().orElseThrow(() -> bad("the endorsement time (slreq:endorsement/"
                + "dcterms:created) is missing or not a date: " + entry.createdText().orElse("")));
        return new StoredEntry(id, email, created, entry);
    }

    /**
     * Complete (hooks.md §6), dates and size readable, and a SHA-1 checksum whose identifier is the
     * entry's identifier: without that rule anyone could post an entry that sends an existing image
     * id to other content.
     */
    static StoredEntry checkPostable(ManifestEntry entry) throws MarketplaceRequestException {
        List<String> missing = entry.missingRequired();
        if (!missing.isEmpty()) {
            throw bad("the entry lacks required elements: " + String.join(", ", missing));
        }
        StoredEntry key = keyOf(entry);
        if (entry.valid().isEmpty()) {
            throw bad("dcterms:valid is not a date: " + entry.validText().orElse(""));
        }
        if (entry.bytes().isEmpty() || entry.bytes().getAsLong() < 0) {
            throw bad("slreq:bytes is not a size in bytes: " + entry.text(
                    eu.stratuslab.marketplace.manifest.ManifestNamespaces.SLREQ, "bytes").orElse(""));
        }
        Optional<String> sha1 = entry.sha1();
        if (sha1.isEmpty()) {
            throw bad("the entry has no SHA-1 checksum (slreq:checksum with slreq:algorithm SHA-1)");
        }
        String expected;
        try {
            expected = ImageIdentifier.fromSha1Hex(sha1.get());
        } catch (IllegalArgumentException e) {
            throw bad("the SHA-1 checksum is not 40 hexadecimal digits: " + sha1.get());
        }
        if (!expected.equals(key.identifier())) {
            throw bad("dcterms:identifier " + key.identifier() + " does not belong to the SHA-1 checksum "
                    + sha1.get() + " (its identifier is " + expected + ")");
        }
        return key;
    }

    private static MarketplaceRequestException bad(String message) {
        return MarketplaceRequestException.badRequest(message);
    }
}
