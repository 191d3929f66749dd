package eu.stratuslab.xmlrpc;

import java.net.URI;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.rules.ExternalResource;

/** A real Jetty on a free loopback port serving {@link XmlRpcHandler} over an {@link EchoDispatcher}. */
final class EchoServer extends ExternalResource {

    private final int maxBody;
    private Server server;
    private int port;

    EchoServer(int maxBody) {
        this.maxBody = maxBody;
    }

    @Override
    protected void before() throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new XmlRpcHandler(new EchoDispatcher(), new XmlRpcLimits(maxBody, 64)));
        server.start();
        port = connector.getLocalPort();
    }

    @Override
    protected void after() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the test server", e);
        }
    }

    int port() {
        return port;
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port + "/RPC2");
    }
}
