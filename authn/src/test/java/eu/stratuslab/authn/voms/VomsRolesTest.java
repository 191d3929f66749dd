package eu.stratuslab.authn.voms;

import eu.stratuslab.authn.testca.SharedTrust;
import eu.stratuslab.authn.testca.TestCa;
import org.junit.ClassRule;
import org.junit.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

public class VomsRolesTest {

    @ClassRule
    public static final SharedTrust PKI = SharedTrust.anchorsAndVoms();

    @Test
    public void vomsProxyYieldsItsFqans() {
        assertEquals(TestCa.FQANS, PKI.voms().fqans(PKI.ca().vomsProxy.chain()));
    }

    @Test
    public void proxiesWithoutAcsYieldNothing() {
        assertEquals(List.of(), PKI.voms().fqans(PKI.ca().rfcProxy.chain()));
        assertEquals(List.of(), PKI.voms().fqans(PKI.ca().user.chain()));
        assertEquals(List.of(), PKI.voms().fqans(null));
    }

    @Test
    public void acFromAnUnknownVomsServerIsIgnored() throws Exception {
        Path emptyVomsDir = Files.createDirectories(PKI.scratch().resolve("empty-vomsdir"));
        try (VomsRoles stranger = VomsRoles.open(emptyVomsDir, PKI.trustAnchors())) {
            assertEquals(List.of(), stranger.fqans(PKI.ca().vomsProxy.chain()));
        }
    }

    @Test
    public void missingVomsDirMeansNoAttributes() {
        try (VomsRoles none = VomsRoles.open(PKI.scratch().resolve("absent"), PKI.trustAnchors())) {
            assertTrue(none.fqans(PKI.ca().vomsProxy.chain()).isEmpty());
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
