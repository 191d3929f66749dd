package eu.stratuslab.authn.file;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import eu.stratuslab.authn.support.TestFiles;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class CertificateFileTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    /** The spec's sample file, with the variants the parser must accept. */
    private static final String SAMPLE = TestFiles.resource("/eu/stratuslab/authn/file/sample-login-cert.properties");

    private CertificateFile sample() throws Exception {
        return CertificateFile.at(TestFiles.write(tmp.getRoot().toPath().resolve("login-cert.properties"), SAMPLE));
    }

    private static String rfc2253(String dn) {
        return new X500Principal(dn).getName();
    }

    @Test
    public void legacyDisplayFormInTheFileMatchesTheRfc2253Identity() throws Exception {
        CertificateFile file = sample();
        assertEquals(Optional.of(Set.of("cloud-access")), file.roles("CN=Jane Tester,OU=LAL,O=CNRS,C=FR"));
        assertEquals(Optional.of(Set.of("cloud-access", "other")),
                file.roles(rfc2253("EMAILADDRESS=john@example.org, CN=John Smith, O=Example, C=EU")));
        assertEquals(Optional.of(Set.of("cloud-access", "ops")),
                file.roles("CN=Jean+UID=jd,OU=Ops\\, Inc,DC=example,DC=org"));
    }

    @Test
    public void spellingDoesNotMatter() throws Exception {
        CertificateFile file = sample();
        assertEquals(Optional.of(Set.of("cloud-access")), file.roles("CN=Rfc Form,OU=LAL,O=CNRS,C=FR"));
        assertEquals(Optional.of(Set.of("cloud-access")), file.roles("CN=Rfc Form, OU=LAL, O=CNRS, C=FR"));
        assertEquals(Optional.of(Set.of("cloud-access")), file.roles("cn=Jane Tester,  ou=LAL,o=CNRS,c=FR"));
        assertEquals(Optional.of(Set.of("cloud-access", "other")),
                file.roles("E=john@example.org,CN=John Smith,O=Example,C=EU"));
    }

    @Test
    public void unlistedCommentedAndMalformedLinesDoNotMatch() throws Exception {
        CertificateFile file = sample();
        assertFalse(file.roles("CN=Commented Out,O=X").isPresent());
        assertFalse(file.roles("CN=Unquoted,O=X").isPresent());
        assertFalse(file.roles("CN=Jane Tester,OU=LAL,O=CNRS,C=DE").isPresent());
        assertFalse(file.roles("CN=Jane Tester,OU=LAL,O=CNRS").isPresent());
    }

    @Test
    public void aKeyThatIsNotADnMatchesLiterally() throws Exception {
        assertEquals(Optional.of(Set.of("cloud-access")), sample().roles("not a DN at all"));
    }

    @Test
    public void reloadsWhenEdited() throws Exception {
        Path path = TestFiles.write(tmp.getRoot().toPath().resolve("edit-cert.properties"),
                "\"CN=Jane Tester, OU=LAL, O=CNRS, C=FR\" cloud-access\n");
        CertificateFile file = CertificateFile.at(path);
        assertEquals(Optional.of(Set.of("cloud-access")), file.roles("CN=Jane Tester,OU=LAL,O=CNRS,C=FR"));
        TestFiles.edit(path, "\"CN=Jane Tester, OU=LAL, O=CNRS, C=FR\" other\n\"CN=New, O=X\" cloud-access\n");
        assertEquals(Optional.of(Set.of("other")), file.roles("CN=Jane Tester,OU=LAL,O=CNRS,C=FR"));
        assertEquals(Optional.of(Set.of("cloud-access")), file.roles("CN=New,O=X"));
    }

    @Test
    public void missingFileMeansNoUsers() {
        assertFalse(CertificateFile.at(tmp.getRoot().toPath().resolve("absent")).roles("CN=Jane Tester,O=X").isPresent());
    }
}
