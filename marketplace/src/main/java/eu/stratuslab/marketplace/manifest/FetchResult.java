package eu.stratuslab.marketplace.manifest;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of {@code GET <marketplace>/metadata/<id>} (hooks.md §3.2 step 2): 200 with the
 * current entries ({@link Status#FOUND}), 404 ({@link Status#NOT_FOUND}), or anything else
 * ({@link Status#UNREACHABLE}, with a message that says what happened).
 */
public final class FetchResult {

    public enum Status { FOUND, NOT_FOUND, UNREACHABLE }

    private final Status status;
    private final List<ManifestEntry> entries;
    private final String message;

    private FetchResult(Status status, List<ManifestEntry> entries, String message) {
        this.status = status;
        this.entries = List.copyOf(entries);
        this.message = message;
    }

    public static FetchResult found(List<ManifestEntry> entries) {
        return new FetchResult(Status.FOUND, entries, "found");
    }

    public static FetchResult notFound(String message) {
        return new FetchResult(Status.NOT_FOUND, List.of(), Objects.requireNonNull(message));
    }

    public static FetchResult unreachable(String message) {
        return new FetchResult(Status.UNREACHABLE, List.of(), Objects.requireNonNull(message));
    }

    public Status status() {
        return status;
    }

    public boolean isFound() {
        return status == Status.FOUND;
    }

    /** The entries of a 200 answer, in document order (possibly none); empty otherwise. */
    public List<ManifestEntry> entries() {
        return entries;
    }

    /** What happened, for logs and error messages (never empty). */
    public String message() {
        return message;
    }

    @Override
    public String toString() {
        return status + (status == Status.FOUND ? "(" + entries.size() + " entries)" : "(" + message + ")");
    }
}
