package eu.stratuslab.authn.file;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parsed content of a file, re-parsed whenever the file's {@link FileStamp} changes. A
 * missing or unreadable file yields the {@code empty} value (no users), as in the original; the
 * error is logged once per change, not on every login.
 *
 * @param <T> the parsed content
 */
final class ReloadingFile<T> {

    /** Parses the file; throws IOException when it cannot be read. */
    interface Parser<T> {
        T parse(Path path) throws IOException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(ReloadingFile.class);

    private final Path path;
    private final Parser<T> parser;
    private final T empty;
    private volatile Snapshot<T> snapshot;

    private record Snapshot<T>(FileStamp stamp, T content) {
    }

    ReloadingFile(Path path, Parser<T> parser, T empty) {
        this.path = path;
        this.parser = parser;
        this.empty = empty;
    }

    /** @return the content as of the file's current state */
    T current() {
        FileStamp stamp = FileStamp.of(path);
        Snapshot<T> current = snapshot;
        if (current != null && current.stamp.equals(stamp)) {
            return current.content;
        }
        synchronized (this) {
            current = snapshot;
            if (current != null && current.stamp.equals(stamp)) {
                return current.content;
            }
            T content = load(stamp);
            snapshot = new Snapshot<>(stamp, content);
            return content;
        }
    }

    private T load(FileStamp stamp) {
        if (!stamp.exists()) {
            LOG.error("{} does not exist or cannot be read: no users from this file", path);
            return empty;
        }
        try {
            T content = parser.parse(path);
            LOG.info("loaded {}", path);
            return content;
        } catch (IOException | RuntimeException e) {
            LOG.error("cannot read {}: no users from this file ({})", path, e.toString());
            return empty;
        }
    }

    static <T> Function<Path, ReloadingFile<T>> factory(Parser<T> parser, T empty) {
        return p -> new ReloadingFile<>(p, parser, empty);
    }
}
