package eu.stratuslab.authn.voms;

import eu.stratuslab.authn.cert.TrustAnchors;
import eu.stratuslab.authn.testca.TestCa;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

public class VomsRolesTest {

    @ClassRule
    public static final TemporaryFolder TMP = new TemporaryFolder();

    private static TestCa ca;
    private static TrustAnchors anchors;
    private static VomsRoles voms;

    @BeforeClass
    public static void createPki() throws Exception {
        ca = TestCa.shared();
        anchors = TrustAnchors.open(ca.caDir(), Duration.ofMinutes(10), true);
        voms = VomsRoles.open(ca.vomsDir(), anchors);
    }

    @AfterClass
    public static void close() {
        voms.close();
        anchors.close();
    }

    @Test
    public void vomsProxyYieldsItsFqans() {
        assertEquals(TestCa.FQANS, voms.fqans(ca.vomsProxy.chain()));
    }

    @Test
    public void proxiesWithoutAcsYieldNothing() {
        assertEquals(List.of(), voms.fqans(ca.rfcProxy.chain()));
        assertEquals(List.of(), voms.fqans(ca.user.chain()));
        assertEquals(List.of(), voms.fqans(null));
    }

    @Test
    public void acFromAnUnknownVomsServerIsIgnored() throws Exception {
        Path emptyVomsDir = Files.createDirectories(TMP.getRoot().toPath().resolve("empty-vomsdir"));
        try (VomsRoles stranger = VomsRoles.open(emptyVomsDir, anchors)) {
            assertEquals(List.of(), stranger.fqans(ca.vomsProxy.chain()));
        }
    }

    @Test
    public void missingVomsDirMeansNoAttributes() {
        try (VomsRoles none = VomsRoles.open(TMP.getRoot().toPath().resolve("absent"), anchors)) {
            assertTrue(none.fqans(ca.vomsProxy.chain()).isEmpty());
        }
    }

    @Test
    public void voIsTheFirstFqanGroup() {
        assertEquals(Optional.of("vo.example.org"), VomsRoles.voOf("/vo.example.org/Role=admin/Capability=NULL"));
        assertEquals(Optional.of("vo.example.org"), VomsRoles.voOf("/vo.example.org"));
        assertEquals(Optional.of("vo"), VomsRoles.voOf("/vo/group/sub"));
        assertEquals(Optional.empty(), VomsRoles.voOf("vo"));
        assertEquals(Optional.empty(), VomsRoles.voOf("/"));
        assertEquals(Optional.empty(), VomsRoles.voOf("/Role=x"));
        assertEquals(Optional.empty(), VomsRoles.voOf(null));
    }
}
