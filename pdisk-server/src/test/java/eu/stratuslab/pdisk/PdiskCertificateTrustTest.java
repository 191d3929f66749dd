package eu.stratuslab.pdisk;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.After;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;

import eu.stratuslab.authn.AuthenticatedUser;
import eu.stratuslab.authn.cert.GridTrust;
import eu.stratuslab.authn.cert.TrustSettings;
import eu.stratuslab.authn.http.AuthenticatedEndpoint;
import eu.stratuslab.authn.testca.ClientCertificateHttp;
import eu.stratuslab.authn.testca.TestCa;
import eu.stratuslab.infra.http.HttpEndpoint;
import eu.stratuslab.pdisk.support.PdiskFixture;

/**
 * pdisk's {@code /cert} path on the grid trust (issue 11 item 9): the namespace policy in force by
 * default and the one a shared {@link GridTrust} carries, and VOMS FQANs of a proxy reaching pdisk's
 * authorization as they reach the one-proxy's.
 */
public class PdiskCertificateTrustTest {

    private static TestCa ca;

    private Path dir;
    private PdiskConfig cfg;

    @BeforeClass
    public static void pki() throws Exception {
        ca = TestCa.shared();
    }

    @Before
    public void site() throws Exception {
        dir = Files.createTempDirectory("pdisk-trust");
        Path users = Files.writeString(dir.resolve("login-pswd.properties"), "pdisk=pdisk-secret,cloud-access\n");
        Path certs = Files.writeString(dir.resolve("login-cert.properties"), "\"" + TestCa.USER_DN + "\" cloud-access\n"
                + "\"" + ca.outsideNamespace.leaf().getSubjectX500Principal().getName() + "\" cloud-access\n"
                + "\"vo:" + TestCa.VO + "\" cloud-access\n");
        Path loginConf = Files.writeString(dir.resolve("login.conf"), "stratuslab-pswd {\n"
                + "  org.eclipse.jetty.jaas.spi.PropertyFileLoginModule sufficient file=\"" + users + "\";\n};\n"
                + "stratuslab-cert {\n  eu.stratuslab.authn.CertLoginModule sufficient file=\"" + certs + "\";\n};\n");
        cfg = PdiskFixture.httpsConfig(dir, ca.caDir()).withLoginConf(loginConf);
    }

    @After
    public void cleanUp() {
        PdiskFixture.deleteTree(dir);
    }

    @Test
    public void namespacePolicyIsEnforcedByDefault() throws Exception {
        whileRunning(new PdiskServer(cfg, null), server -> {
            assertEquals(200, status(server, ca.user));
            assertEquals(403, status(server, ca.outsideNamespace));
            assertEquals(403, status(server, ca.outsiderProxy()));
        });
    }

    @Test
    public void theSharedTrustPolicyDecides() throws Exception {
        try (GridTrust ignoring = gridTrust("IGNORE")) {
            whileRunning(new PdiskServer(cfg, null, ignoring), server -> {
                assertEquals(200, status(server, ca.outsideNamespace));
                assertEquals(200, status(server, ca.outsiderProxy()));
                assertEquals("the rest of the policy holds", 403, status(server, ca.untrusted));
            });
        }
    }

    @Test
    public void vomsProxyOfAnUnlistedVoMemberIsAdmittedThroughItsVo() throws Exception {
        try (GridTrust trust = gridTrust(null)) {
            whileRunning(new PdiskServer(cfg, null, trust), server -> {
                assertEquals("the EEC alone is not listed", 403, status(server, ca.voMember()));
                assertEquals(200, status(server, ca.voMemberProxy()));
            });
        }
    }

    /** The test CA's trust with {@code namespaceMode} (null: the default mode). */
    private static GridTrust gridTrust(String namespaceMode) throws Exception {
        return GridTrust.open(TrustSettings.fromStrings(ca.caDir().toString(), namespaceMode, null, null), ca.vomsDir());
    }

    private interface ServerCheck {
        void check(PdiskServer server) throws Exception;
    }

    private static void whileRunning(PdiskServer server, ServerCheck check) throws Exception {
        server.start();
        try {
            check.check(server);
        } finally {
            server.stop();
        }
    }

    @Test
    public void pdiskCertificateLoginCarriesTheFqansOfAVomsProxy() throws Exception {
        try (GridTrust trust = gridTrust(null)) {
            AtomicReference<AuthenticatedUser> seen = new AtomicReference<>();
            Handler.Wrapper certificates = AuthnModuleLayer.fromConfig(cfg, trust).certificateAuthentication().orElseThrow();
            certificates.setHandler(new Handler.Abstract() {
                @Override
                public boolean handle(Request request, Response response, Callback callback) {
                    seen.set((AuthenticatedUser) request.getAttribute(AuthenticatedUser.REQUEST_ATTRIBUTE));
                    response.setStatus(200);
                    callback.succeeded();
                    return true;
                }
            });
            HttpEndpoint endpoint = AuthenticatedEndpoint.builder("pdisk-test").listen("127.0.0.1", 0)
                    .tls(cfg.tlsSettings()).build().listener();
            endpoint.setHandler(certificates);
            endpoint.start();
            try {
                HttpResponse<String> r = ClientCertificateHttp.client(ca.vomsProxy).send(HttpRequest.newBuilder(
                        URI.create(endpoint.baseUri() + "/cert/disks/")).timeout(Duration.ofSeconds(30)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, r.statusCode());
                AuthenticatedUser user = seen.get();
                assertNotNull(user);
                assertEquals("CN=Jane Tester,OU=LAL,O=CNRS,C=FR", user.identity());
                assertTrue(user.roles().toString(), user.roles().containsAll(TestCa.FQANS));
                assertTrue(user.hasRole("cloud-access"));
            } finally {
                endpoint.stop();
            }
        }
    }

    private static int status(PdiskServer server, TestCa.Credential credential) throws Exception {
        return ClientCertificateHttp.client(credential).send(HttpRequest.newBuilder(URI.create(server.endpoint() + "/cert/disks/"))
                .header("Accept", "application/json").timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
