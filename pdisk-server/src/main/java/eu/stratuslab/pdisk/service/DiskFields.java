package eu.stratuslab.pdisk.service;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import eu.stratuslab.pdisk.model.DiskBuilder;
import eu.stratuslab.pdisk.model.DiskType;
import eu.stratuslab.pdisk.model.Visibility;

/**
 * The form fields of create and update (pdisk-api.md §5.2, §5.6), validated in the spec's order.
 * Absent fields stay absent, so an update changes only what was sent.
 */
public final class DiskFields {

    private static final int MAX_TEXT = 1024;
    private static final Pattern SHA1 = Pattern.compile("[0-9a-f]{40}");
    private static final List<String> SUPERUSER_FIELDS = List.of("owner", "identifier", "quarantine");

    private final Map<String, String> form;
    private final Long size;
    private final Visibility visibility;
    private final DiskType type;

    private DiskFields(Map<String, String> form, Long size, Visibility visibility, DiskType type) {
        this.form = form;
        this.size = size;
        this.visibility = visibility;
        this.type = type;
    }

    /** Parses and checks rights; size range and identifier uniqueness are checked by the caller. */
    public static DiskFields parse(Map<String, String> form, Caller caller) {
        Long size = null;
        if (form.containsKey("size")) {
            try {
                size = Long.parseLong(form.get("size").strip());
            } catch (NumberFormatException e) {
                throw PdiskException.badRequest("Error parsing size: " + e.getMessage());
            }
        }
        Visibility visibility = null;
        if (form.containsKey("visibility")) {
            visibility = Visibility.parse(form.get("visibility")).orElseThrow(() -> PdiskException.badRequest(
                    "Invalid value for form element visibility: No enum constant for " + form.get("visibility")));
        }
        DiskType type = null;
        if (form.containsKey("type")) {
            type = DiskType.parse(form.get("type"))
                    .orElseThrow(() -> PdiskException.badRequest("Invalid value for form element type: " + form.get("type")));
        }
        if (!caller.superuser()) {
            for (String field : SUPERUSER_FIELDS) {
                if (form.containsKey(field)) {
                    throw PdiskException.forbidden("insufficient rights to set " + field);
                }
            }
        }
        for (String field : List.of("tag", "owner", "identifier", "quarantine", "group")) {
            String v = form.get(field);
            if (v != null && v.length() > MAX_TEXT) {
                throw PdiskException.badRequest(field + " is too long (at most " + MAX_TEXT + " characters)");
            }
        }
        if (form.containsKey("quarantine") && form.get("quarantine").length() > 64) {
            throw PdiskException.badRequest("quarantine is too long (at most 64 characters)");
        }
        return new DiskFields(form, size, visibility, type);
    }

    /** Size for create: a missing size counts as -1 and fails the range check. */
    public long sizeOrInvalid() {
        return size == null ? -1 : size;
    }

    public Optional<Long> size() {
        return Optional.ofNullable(size);
    }

    public Optional<String> get(String field) {
        return Optional.ofNullable(form.get(field));
    }

    public Optional<String> nonEmpty(String field) {
        return get(field).map(String::strip).filter(s -> !s.isEmpty());
    }

    public static void checkSize(long size, long max) {
        if (size < 1 || size > max) {
            throw PdiskException.badRequest("Size must be an integer between 1 and " + max);
        }
    }

    /** Checks the optional {@code url}/{@code bytes}/{@code sha1} before anything is created. */
    public Optional<ContentSource> contentSource() {
        Optional<String> url = nonEmpty("url");
        if (url.isEmpty()) {
            return Optional.empty();
        }
        Long bytes = null;
        if (nonEmpty("bytes").isPresent()) {
            try {
                bytes = Long.parseLong(form.get("bytes").strip());
            } catch (NumberFormatException e) {
                throw PdiskException.badRequest("Error parsing bytes: " + e.getMessage());
            }
        }
        String sha1 = nonEmpty("sha1").map(s -> s.toLowerCase(java.util.Locale.ROOT)).orElse(null);
        if (sha1 != null && !SHA1.matcher(sha1).matches()) {
            throw PdiskException.badRequest("invalid SHA-1 checksum: " + form.get("sha1"));
        }
        String policy = nonEmpty("url_policy").map(String::strip).orElse(null);
        if (policy != null && !policy.equals("user")) {
            throw PdiskException.badRequest("Invalid value for form element url_policy: " + policy + " (only 'user')");
        }
        return Optional.of(new ContentSource(url.get(), bytes, sha1, policy != null));
    }

    /** Applies the present fields to {@code b}; {@code seed} changes only when present. */
    public void applyTo(DiskBuilder b) {
        size().ifPresent(b::size);
        if (visibility != null) {
            b.visibility(visibility);
        }
        if (type != null) {
            b.type(type);
        }
        get("tag").ifPresent(b::tag);
        get("owner").ifPresent(b::owner);
        get("identifier").ifPresent(b::identifier);
        get("quarantine").ifPresent(b::quarantine);
        get("group").ifPresent(g -> b.group(Arrays.stream(g.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList()));
        get("seed").ifPresent(s -> b.seed("on".equalsIgnoreCase(s) || "true".equalsIgnoreCase(s)));
    }
}
