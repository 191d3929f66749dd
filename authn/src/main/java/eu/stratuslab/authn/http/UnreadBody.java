package eu.stratuslab.authn.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * What a refusal (401, 403, 400, 413…) does with the body it did not read. A client that sends
 * its body without waiting for {@code 100 Continue} (python's xmlrpclib, the JDK client, most
 * scripts) would otherwise race its upload against the server's close and may read a reset
 * instead of the answer. So a small body is read and dropped first, as Tomcat's
 * {@code maxSwallowSize} does; a larger one is left unread (the connection is closed after the
 * answer) so that a refused upload of a disk image costs nothing, and a client that does wait for
 * {@code 100 Continue} (curl) never sends it.
 */
public final class UnreadBody {

    /** Bodies up to this many declared bytes are dropped before a refusal (Tomcat's default). */
    public static final long SWALLOW_MAX_BYTES = 2L << 20;

    private UnreadBody() {
    }

    /**
     * Reads and drops what is left of the request body when its declared length is at most
     * {@link #SWALLOW_MAX_BYTES}; blocking, so only from handlers that may block.
     */
    public static void dropIfSmall(Request request) {
        long declared = request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
        if (declared <= 0 || declared > SWALLOW_MAX_BYTES) {
            return;
        }
        try (InputStream rest = Content.Source.asInputStream(request)) {
            rest.transferTo(OutputStream.nullOutputStream());
        } catch (IOException | RuntimeException ignored) {
            // the client went away or sent less than it declared: the refusal is all we still owe
        }
    }
}
