package eu.stratuslab.cloud;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import eu.emi.security.authn.x509.proxy.ProxyType;
import eu.stratuslab.authn.testca.ClientCertificateHttp;
import eu.stratuslab.authn.testca.TestCa;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * Issue 11 item 9 on a cloud started by the launcher: the one-proxy and pdisk apply one CA namespace
 * policy, configured once ({@code authn.namespace_mode} in cloud.cfg, default EUGRIDPMA_AND_GLOBUS as
 * authn.md §8.1 says), and a VOMS proxy is honoured by pdisk's certificate path as by the one-proxy's
 * (a VO admitted with {@code "vo:<vo>" cloud-access} reaches both).
 */
public class TrustPolicyAcceptanceTest extends OnACloudSite {
    private static TestCa ca;
    private static TestCa.Credential outsiderProxy;
    private static TestCa.Credential vomsOnlyUser;
    private static TestCa.Credential vomsOnlyProxy;
    private CloudLauncher cloud;

    @BeforeClass
    public static void pki() throws Exception {
        ca = TestCa.shared();
        outsiderProxy = ca.proxyOf(ca.outsideNamespace, ProxyType.RFC3820);
        // in the CA's namespace, not listed in login-cert.properties: admitted only through its VO
        vomsOnlyUser = ca.issue("VO member", "CN=Vo Member, OU=LAL, O=CNRS, C=FR");
        vomsOnlyProxy = ca.vomsProxyOf(vomsOnlyUser);
    }

    private void startCloud(String extraCloudCfg) throws Exception {
        CloudHome layout = site.trustingHome(ca.caDir(), "\"" + TestCa.USER_DN + "\" cloud-access\n"
                + "\"" + ca.outsideNamespace.leaf().getSubjectX500Principal().getName() + "\" cloud-access\n"
                + "\"vo:" + TestCa.VO + "\" cloud-access\n", "bootstrap = minimal\n" + CloudSite.EPHEMERAL_PORTS + extraCloudCfg);
        CloudSite.copyDirectory(ca.vomsDir(), layout.vomsDir());
        cloud = site.start(layout);
    }

    @Test
    public void outOfNamespaceCertificatesAreRefusedByBothServicesByDefault() throws Exception {
        startCloud("");
        assertEquals(200, oneProxyStatus(ca.user));
        assertEquals(200, pdiskStatus(ca.user));
        for (TestCa.Credential outsider : new TestCa.Credential[] {ca.outsideNamespace, outsiderProxy}) {
            assertEquals(outsider.name(), 403, oneProxyStatus(outsider));
            assertEquals(outsider.name(), 403, pdiskStatus(outsider));
        }
    }

    @Test
    public void namespaceModeIgnoreInCloudCfgAppliesToBothServices() throws Exception {
        startCloud("authn.namespace_mode = IGNORE\n");
        for (TestCa.Credential outsider : new TestCa.Credential[] {ca.outsideNamespace, outsiderProxy}) {
            assertEquals(outsider.name(), 200, oneProxyStatus(outsider));
            assertEquals(outsider.name(), 200, pdiskStatus(outsider));
        }
        // the rest of the policy is unchanged: an untrusted CA stays refused
        assertEquals(403, oneProxyStatus(ca.untrusted));
        assertEquals(403, pdiskStatus(ca.untrusted));
    }

    @Test
    public void vomsProxyOfAVoMemberIsAdmittedByPdiskAsByTheOneProxy() throws Exception {
        startCloud("");
        assertEquals("the EEC itself is not listed", 403, pdiskStatus(vomsOnlyUser));
        assertEquals(403, oneProxyStatus(vomsOnlyUser));
        assertEquals(200, oneProxyStatus(vomsOnlyProxy));
        assertEquals(200, pdiskStatus(vomsOnlyProxy));
        // pdisk's owner is the EEC identity (authn.md §9), not the VO pseudo-user
        HttpResponse<String> created = client(vomsOnlyProxy).send(HttpRequest.newBuilder(
                        URI.create(cloud.endpoints().get("pdisk") + "/cert/disks/"))
                .header("Accept", "application/json").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("size=1&tag=vo")).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(created.body(), 201, created.statusCode());
        HttpResponse<String> list = client(vomsOnlyProxy).send(HttpRequest.newBuilder(
                        URI.create(cloud.endpoints().get("pdisk") + "/cert/disks/"))
                .header("Accept", "application/json").GET().timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(list.body(), list.body().contains("CN=Vo Member,OU=LAL,O=CNRS,C=FR"));
    }

    private int oneProxyStatus(TestCa.Credential credential) throws Exception {
        String call = "<?xml version=\"1.0\"?><methodCall><methodName>one.user.info</methodName><params>"
                + "<param><value><string>dummy:pass</string></value></param>"
                + "<param><value><i4>-1</i4></value></param></params></methodCall>";
        HttpResponse<String> r = client(credential).send(HttpRequest.newBuilder(URI.create(cloud.endpoints().get("one-proxy-cert")))
                .header("Content-Type", "text/xml").POST(HttpRequest.BodyPublishers.ofString(call))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
            assertTrue(r.body(), r.body().contains("<boolean>1</boolean>"));
        }
        return r.statusCode();
    }

    private int pdiskStatus(TestCa.Credential credential) throws Exception {
        return client(credential).send(HttpRequest.newBuilder(URI.create(cloud.endpoints().get("pdisk") + "/cert/disks/"))
                .header("Accept", "application/json").GET().timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static HttpClient client(TestCa.Credential credential) throws Exception {
        return ClientCertificateHttp.client(credential);
    }
}
