package eu.stratuslab.pdisk.fetch;

import eu.stratuslab.infra.net.UrlRefusedException;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTP body that survives a broken connection: when reading fails mid-body (reset, premature
 * end, read timeout) it asks again with {@code Range: bytes=<bytes received>-} (and
 * {@code If-Range} with the first answer's validator, so a changed file is never spliced) and
 * continues when the server answers 206 from exactly that offset; any other answer ends the
 * transfer. Gives up after {@code maxResumes} consecutive attempts without progress. Logs progress
 * every 64 MiB and counts the bytes against a hard limit.
 */
final class ResumableBodyStream extends InputStream {

    private static final Logger LOG = LoggerFactory.getLogger(ResumableBodyStream.class);
    private static final long PROGRESS_STEP = 64L << 20;
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes\\s+(\\d+)-\\d+/(\\d+|\\*)");

    private final ImageFetcher fetcher;
    private final CloseableHttpClient client;
    private final URI uri;
    private final long limit;
    private final String validator;
    private HttpGet request;
    private ClassicHttpResponse response;
    private boolean complete;
    private InputStream body;
    /** Offset at which the current body ends, or -1 when the server did not say. */
    private long end;
    private long offset;
    private long nextReport = PROGRESS_STEP;
    private int failuresWithoutProgress;

    ResumableBodyStream(ImageFetcher fetcher, CloseableHttpClient client, URI uri, HttpGet firstRequest,
            ClassicHttpResponse first, long limit) throws IOException {
        this.fetcher = fetcher;
        this.client = client;
        this.uri = uri;
        this.limit = limit;
        this.validator = validator(first);
        use(firstRequest, first, 0);
    }

    /** A strong ETag, else Last-Modified: what If-Range may carry. */
    private static String validator(ClassicHttpResponse r) {
        Header etag = r.getFirstHeader("ETag");
        if (etag != null && !etag.getValue().startsWith("W/")) {
            return etag.getValue();
        }
        Header modified = r.getFirstHeader("Last-Modified");
        return modified == null ? null : modified.getValue();
    }

    private void use(HttpGet req, ClassicHttpResponse r, long start) throws IOException {
        request = req;
        response = r;
        HttpEntity entity = r.getEntity();
        if (entity == null) {
            throw new IOException("empty answer from " + ImageFetcher.display(uri));
        }
        end = entity.getContentLength() >= 0 ? start + entity.getContentLength() : -1;
        body = entity.getContent();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (true) {
            int n;
            try {
                n = body.read(b, off, len);
                if (n < 0 && end >= 0 && offset < end) {
                    throw new EOFException("connection closed after " + offset + " of " + end + " bytes");
                }
            } catch (IOException e) {
                resume(e);
                continue;
            }
            if (n < 0) {
                complete = true;
            } else if (n > 0) {
                offset += n;
                failuresWithoutProgress = 0;
                if (offset > limit) {
                    throw new ImageFetcher.ContentTooLargeException(limit);
                }
                if (offset >= nextReport) {
                    LOG.info("URL import of {}: {} MiB{}", ImageFetcher.display(uri), offset >> 20, end > 0 ? " of " + (end >> 20) + " MiB" : "");
                    nextReport += PROGRESS_STEP;
                }
            }
            return n;
        }
    }

    /** Asks for the rest from {@code offset}; throws when that is impossible or attempts are used up. */
    private void resume(IOException cause) throws IOException {
        IOException last = describe(cause);
        closeResponse();
        while (true) {
            failuresWithoutProgress++;
            if (failuresWithoutProgress > fetcher.settings().maxResumes()) {
                throw new IOException(last.getMessage() + " (gave up after " + fetcher.settings().maxResumes()
                        + " attempts to resume at byte " + offset + ")", last);
            }
            LOG.warn("URL import of {} broke at byte {} ({}); resuming (attempt {}/{})", ImageFetcher.display(uri), offset, last.getMessage(),
                    failuresWithoutProgress, fetcher.settings().maxResumes());
            HttpGet get = new HttpGet(uri);
            get.setHeader("Range", "bytes=" + offset + "-");
            if (validator != null) {
                get.setHeader("If-Range", validator);
            }
            ClassicHttpResponse r;
            try {
                r = fetcher.send(client, get, uri);
            } catch (UrlRefusedException e) {
                throw e;
            } catch (IOException e) {
                last = describe(e);
                continue;
            }
            if (r.getCode() != 206) {
                ImageFetcher.discard(get, r);
                throw new IOException("transfer broke at byte " + offset + " (" + last.getMessage()
                        + ") and the server cannot resume it: HTTP " + r.getCode() + " instead of 206 to a Range request", last);
            }
            Header range = r.getFirstHeader("Content-Range");
            Matcher m = range == null ? null : CONTENT_RANGE.matcher(range.getValue().strip());
            if (m == null || !m.matches() || Long.parseLong(m.group(1)) != offset) {
                ImageFetcher.discard(get, r);
                throw new IOException("the server resumed " + ImageFetcher.display(uri) + " at the wrong place (Content-Range "
                        + (range == null ? "missing" : range.getValue()) + ", wanted byte " + offset + ")", last);
            }
            use(get, r, offset);
            return;
        }
    }

    private IOException describe(IOException e) {
        return e instanceof SocketTimeoutException t ? fetcher.readTimeout(uri, t) : e;
    }

    private void closeResponse() {
        if (response != null) {
            if (complete) {
                try {
                    response.close();
                } catch (IOException ignored) {
                    // fully read: nothing is lost
                }
            } else {
                ImageFetcher.discard(request, response);
            }
            response = null;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            closeResponse();
        } finally {
            client.close();
        }
    }
}
