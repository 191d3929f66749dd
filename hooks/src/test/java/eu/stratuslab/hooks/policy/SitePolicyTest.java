package eu.stratuslab.hooks.policy;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class SitePolicyTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static final SitePolicy.Facts JANE = new SitePolicy.Facts("GWXb7AkDOq9ZzoLQ1yh9xnx3wTB", "jane@example.org",
            "65976fb0240ceabd673a0b435ca1f719f1df04c1");
    private static final SitePolicy.Facts BOB = new SitePolicy.Facts("BN1EEkPiBx87_uLj2-sdybSI-Xb", "bob@example.org",
            "137510490f881c7ceffb8b8f6fac7726d223e5db");

    private SitePolicy policy(String text) throws IOException {
        Path f = tmp.newFile().toPath();
        Files.writeString(f, text);
        return new SitePolicy(f);
    }

    private static List<SitePolicy.Facts> apply(SitePolicy p, List<String> reasons, SitePolicy.Facts... entries)
            throws IOException {
        return p.filter(List.of(entries), Function.identity(), reasons::add);
    }

    @Test
    public void twoEntriesOneValidOneSurvives() throws IOException {
        SitePolicy p = policy("[endorsers]\nwhitelistendorsers =\n jane@example.org\n ops@example.org\n");
        List<String> reasons = new ArrayList<>();
        assertEquals(List.of(JANE), apply(p, reasons, BOB, JANE));
        assertEquals(List.of("email endorser bob@example.org is not whitelisted, rejecting entry"), reasons);
    }

    @Test
    public void everyEntryIsEvaluatedEvenAfterARemovedOne() throws IOException {
        SitePolicy p = policy("[images]\nblacklistimages =\n GWXb7AkDOq9ZzoLQ1yh9xnx3wTB\n");
        List<String> reasons = new ArrayList<>();
        assertEquals(List.of(BOB, BOB), apply(p, reasons, JANE, BOB, JANE, BOB));
        assertEquals(2, reasons.size());
    }

    @Test
    public void checksumListsAndUnknownSectionsAndEmptyLists() throws IOException {
        SitePolicy p = policy("[validatemetadatafile]\nactivate=False\n[endorsers]\nwhitelistendorsers =\n"
                + "[checksums]\nblacklistchecksums =\n 65976FB0240CEABD673A0B435CA1F719F1DF04C1\n");
        List<String> reasons = new ArrayList<>();
        assertEquals(List.of(BOB), apply(p, reasons, JANE, BOB));
        assertEquals(List.of("checksum 65976fb0240ceabd673a0b435ca1f719f1df04c1 is blacklisted, rejecting entry"), reasons);
    }

    @Test
    public void anEmptyPolicyKeepsEverything() throws IOException {
        assertEquals(List.of(JANE, BOB), apply(policy("[endorsers]\n[images]\n[checksums]\n"), new ArrayList<>(), JANE, BOB));
    }

    @Test
    public void aMissingFileIsTheDocumentedFailure() {
        SitePolicy p = new SitePolicy(tmp.getRoot().toPath().resolve("policy.cfg"));
        IOException e = assertThrows(IOException.class, () -> apply(p, new ArrayList<>(), JANE));
        assertEquals("Can't find policy configuration file", e.getMessage());
    }
}
