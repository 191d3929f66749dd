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
public final class ImageSource {

    enum Kind { STREAM, FILE, LOCATION }

    private final Kind kind;
    private final InputStream stream;
    private final Path file;
    private final URI location;

    private ImageSource(Kind kind, InputStream stream, Path file, URI location) {
        this.kind = kind;
        this.stream = stream;
        this.file = file;
        this.location = location;
    }

    /** The image bytes, raw or gzip; the caller closes the stream. */
    public static ImageSource upload(InputStream stream) {
        return new ImageSource(Kind.STREAM, Objects.requireNonNull(stream, "stream"), null, null);
    }

    /** A local image file, raw or gzip; copied into the store unless the same image is already there. */
    public static ImageSource file(Path file) {
        return new ImageSource(Kind.FILE, null, Objects.requireNonNull(file, "file"), null);
    }

    /**
     * An {@code http(s)} URL the marketplace downloads once to compute size and SHA-1 (of the
     * decompressed content when the path ends with {@code .gz}, as pdisk does) and then puts into
     * {@code slterms:location}.
     */
    public static ImageSource location(URI location) {
        Objects.requireNonNull(location, "location");
        String scheme = location.getScheme() == null ? "" : location.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || location.getHost() == null) {
            throw new IllegalArgumentException("the image location must be an http(s) URL: " + location);
        }
        return new ImageSource(Kind.LOCATION, null, null, location);
    }

    Kind kind() {
        return kind;
    }

    InputStream stream() {
        return stream;
    }

    Path file() {
        return file;
    }

    URI location() {
        return location;
    }

    /** pdisk decompresses by the URL suffix (hooks.md §3.2), so the marketplace does the same. */
    boolean locationIsGzip() {
        String path = location.getPath() == null ? "" : location.getPath();
        return path.toLowerCase(Locale.ROOT).endsWith(".gz");
    }
}
