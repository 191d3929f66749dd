package eu.stratuslab.oneproxy.server;

import eu.stratuslab.authn.http.AuthenticatedEndpoint;
import eu.stratuslab.authn.tls.TlsSettings;
import eu.stratuslab.infra.http.HttpEndpoint;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The floor of issue 14 item 8 (bench/auth.sh --floor): the cheapest answer the one-proxy's
 * listener could give. The same listener as the one-proxy ({@link AuthenticatedEndpoint}: TLS 1.2/1.3
 * with a host certificate made the same way, client certificates requested, the same thread pool and
 * buffer pool), and a handler that reads the request body and answers a fixed document: the
 * one-proxy's own answer to the benchmark's call, recorded by the script. No authentication, no
 * XML-RPC parsing, no lookup. What the one-proxy adds on top of this is its own cost.
 *
 * <p>Usage: {@code TlsFloorServer PORT ANSWER_FILE WORK_DIR}; prints {@code READY} when listening and
 * serves until killed.
 */
public final class TlsFloorServer {

    private TlsFloorServer() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: TlsFloorServer PORT ANSWER_FILE WORK_DIR");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        byte[] answer = Files.readAllBytes(Path.of(args[1]));
        Path work = Files.createDirectories(Path.of(args[2]));
        Path caDir = Files.createDirectories(work.resolve("certificates")); // no CA: no client chain is trusted
        TlsSettings tls = new TlsSettings(work.resolve("floor-keystore.p12"), "floor-bench".toCharArray(), caDir,
                "localhost");
        HttpEndpoint listener = AuthenticatedEndpoint.builder("tls-floor").listen("127.0.0.1", port)
                .threads(OneProxyServer.MAX_THREADS, OneProxyServer.MIN_THREADS).tls(tls).build().listener();
        listener.setHandler(new FixedAnswer(answer));
        listener.start();
        System.out.println("READY " + listener.baseUri());
        System.out.flush();
        new CountDownLatch(1).await();
    }

    /** Reads the whole body, as the XML-RPC handler must, then writes the recorded document. */
    static final class FixedAnswer extends Handler.Abstract {
        private final byte[] answer;

        FixedAnswer(byte[] answer) {
            this.answer = answer;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            try (InputStream in = Content.Source.asInputStream(request)) {
                in.readAllBytes();
            }
            response.setStatus(200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/xml");
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, answer.length);
            response.write(true, ByteBuffer.wrap(answer), callback);
            return true;
        }
    }
}
