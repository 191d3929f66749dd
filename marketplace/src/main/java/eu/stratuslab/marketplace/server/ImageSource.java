package eu.stratuslab.marketplace.server;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Where the administrator's image comes from: a stream to store (an HTTP upload), a local file to
 * store, or a remote location the manifest points at. Stored images are served by the marketplace
 * itself ({@code <endpoint>/images/<id>[.gz]}); gzip content is recognised by its magic bytes.
 */
public sealed interface ImageSource {

    /** The image bytes, raw or gzip; the caller closes the stream. */
    static ImageSource upload(InputStream stream) {
        return new Upload(stream);
    }

    /** A local image file, raw or gzip; copied into the store unless the same image is already there. */
    static ImageSource file(Path file) {
        return new LocalFile(file);
    }

    /**
     * An {@code http(s)} URL the marketplace downloads once to compute size and SHA-1 (of the
     * decompressed content when the path ends with {@code .gz}, as pdisk does) and then puts into
     * {@code slterms:location}.
     */
    static ImageSource location(URI location) {
        return new Location(location);
    }

    record Upload(InputStream stream) implements ImageSource {
        public Upload {
            Objects.requireNonNull(stream, "stream");
        }
    }

    record LocalFile(Path file) implements ImageSource {
        public LocalFile {
            Objects.requireNonNull(file, "file");
        }
    }

    record Location(URI uri) implements ImageSource {
        public Location {
            Objects.requireNonNull(uri, "location");
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                throw new IllegalArgumentException("the image location must be an http(s) URL: " + uri);
            }
        }

        /** pdisk decompresses by the URL suffix (hooks.md §3.2), so the marketplace does the same. */
        boolean gzip() {
            String path = uri.getPath() == null ? "" : uri.getPath();
            return path.toLowerCase(Locale.ROOT).endsWith(".gz");
        }
    }
}
