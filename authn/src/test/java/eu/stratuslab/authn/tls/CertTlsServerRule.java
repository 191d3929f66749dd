package eu.stratuslab.authn.tls;

import java.nio.file.Path;

import org.junit.rules.ExternalResource;
import org.junit.rules.TemporaryFolder;

import eu.stratuslab.authn.testca.TestCa;

/** A {@link CertTlsServer} for one test class, with a work folder that is removed after it. */
final class CertTlsServerRule extends ExternalResource {

    private final TemporaryFolder folder = new TemporaryFolder();
    private CertTlsServer server;

    @Override
    protected void before() throws Throwable {
        folder.create();
        server = new CertTlsServer(folder.newFolder("server").toPath());
    }

    @Override
    protected void after() {
        try {
            if (server != null) {
                server.close();
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the TLS test server", e);
        } finally {
            folder.delete();
        }
    }

    CertTlsServer server() {
        return server;
    }

    TestCa ca() {
        return server.ca;
    }

    /** For the test's own files. */
    Path folder() {
        return folder.getRoot().toPath();
    }
}
