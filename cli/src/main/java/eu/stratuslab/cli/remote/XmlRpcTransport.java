package eu.stratuslab.cli.remote;

import eu.stratuslab.xmlrpc.MethodCall;
import eu.stratuslab.xmlrpc.XmlRpcCodec;
import eu.stratuslab.xmlrpc.XmlRpcFault;
import eu.stratuslab.xmlrpc.XmlRpcHttpException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.GZIPInputStream;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;

/**
 * XML-RPC calls for the CLI: our codec ({@link XmlRpcCodec}) over {@link HttpURLConnection}. The
 * CLI makes a handful of calls per run, so start-up cost is what counts: unlike
 * {@code java.net.http.HttpClient} (which the xmlrpc module's client uses) this loads no TLS
 * classes for {@code http://} endpoints and starts no selector thread. Keep-alive, pre-emptive
 * Basic credentials, {@code Content-Type: text/xml}, gzip answers, as the legacy client.
 */
final class XmlRpcTransport {
    private final URI endpoint;
    private final String authorization;
    private final SSLContext tls;
    private final int timeoutMillis;

    XmlRpcTransport(URI endpoint, String user, String password, SSLContext tls, Duration timeout) {
        this.endpoint = endpoint;
        this.authorization = user == null ? null
                : "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.tls = tls;
        this.timeoutMillis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    }

    URI endpoint() {
        return endpoint;
    }

    /** @return the response value; {@link XmlRpcHttpException} for a status other than 200 */
    Object call(String method, Object... params) throws XmlRpcFault, IOException {
        byte[] body = XmlRpcCodec.encodeCall(new MethodCall(method, Arrays.asList(params)));
        HttpURLConnection c = (HttpURLConnection) endpoint.toURL().openConnection();
        if (c instanceof HttpsURLConnection https && tls != null) {
            https.setSSLSocketFactory(tls.getSocketFactory());
        }
        c.setConnectTimeout(10_000);
        c.setReadTimeout(timeoutMillis);
        c.setDoOutput(true);
        c.setRequestMethod("POST");
        c.setRequestProperty("Content-Type", "text/xml");
        c.setRequestProperty("Accept-Encoding", "gzip");
        if (authorization != null) {
            c.setRequestProperty("Authorization", authorization);
        }
        c.setFixedLengthStreamingMode(body.length);
        try (OutputStream out = c.getOutputStream()) {
            out.write(body);
        }
        int status = c.getResponseCode();
        if (status != 200) {
            InputStream err = c.getErrorStream();
            if (err != null) {
                try (err) {
                    err.transferTo(OutputStream.nullOutputStream()); // keeps the connection reusable
                }
            }
            throw new XmlRpcHttpException(status);
        }
        try (InputStream raw = c.getInputStream();
                InputStream in = "gzip".equalsIgnoreCase(c.getContentEncoding()) ? new GZIPInputStream(raw) : raw) {
            return XmlRpcCodec.parseResponse(in);
        }
    }
}
