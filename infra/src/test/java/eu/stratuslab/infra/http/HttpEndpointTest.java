package eu.stratuslab.infra.http;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.Test;

/** The shared listener: base URL with the actual port, the common HTTP configuration, the named pool. */
public class HttpEndpointTest {

    @Test
    public void servesOnAFreePortWithoutServerHeaderOnNamedThreads() throws Exception {
        HttpEndpoint endpoint = HttpEndpoint.builder("probe").listen("127.0.0.1", 0).threads(16, 2).build();
        endpoint.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                response.getHeaders().put("X-Thread", Thread.currentThread().getName());
                response.setStatus(204);
                callback.succeeded();
                return true;
            }
        });
        endpoint.start();
        try {
            assertFalse(endpoint.secure());
            URI base = endpoint.baseUri();
            assertTrue(base.toString(), base.toString().startsWith("http://127.0.0.1:"));
            assertEquals(endpoint.connector().getLocalPort(), base.getPort());
            HttpResponse<Void> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve("/x"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding());
            assertEquals(204, r.statusCode());
            assertTrue(r.headers().firstValue("Server").isEmpty());
            assertTrue(r.headers().firstValue("X-Thread").orElse(""), r.headers().firstValue("X-Thread").orElse("").startsWith("probe"));
        } finally {
            endpoint.stop();
        }
    }

    @Test
    public void listenersShareOneBoundedBufferPool() throws Exception {
        HttpEndpoint a = HttpEndpoint.builder("a").listen("127.0.0.1", 0).build();
        HttpEndpoint b = HttpEndpoint.builder("b").tls(new org.eclipse.jetty.util.ssl.SslContextFactory.Server())
                .listen("127.0.0.1", 0).build();
        assertSame(HttpEndpoint.sharedBufferPool(), a.server().getByteBufferPool());
        assertSame(HttpEndpoint.sharedBufferPool(), b.server().getByteBufferPool());
        // a burst of 20 MB of buffers, all released: the pool keeps at most its bound idle
        ArrayByteBufferPool pool = (ArrayByteBufferPool) HttpEndpoint.sharedBufferPool();
        for (boolean direct : new boolean[] {true, false}) {
            java.util.List<org.eclipse.jetty.io.RetainableByteBuffer> burst = new java.util.ArrayList<>();
            for (int i = 0; i < 640; i++) {
                burst.add(pool.acquire(32 * 1024, direct));
            }
            burst.forEach(org.eclipse.jetty.io.RetainableByteBuffer::release);
            long idle = direct ? pool.getAvailableDirectMemory() : pool.getAvailableHeapMemory();
            assertTrue((direct ? "direct" : "heap") + " bytes kept idle: " + idle, idle <= HttpEndpoint.IDLE_BUFFER_BYTES);
            assertTrue("the pool still pools: " + idle, idle > 0);
        }
    }

    @Test(expected = IllegalArgumentException.class)
    public void portOutOfRangeIsRefused() {
        HttpEndpoint.builder("bad").listen("127.0.0.1", 70000);
    }
}
