package eu.stratuslab.authn;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.junit.Test;

/** The table of authn.md §9. */
public class AccountNamesTest {

    @Test
    public void basicUserNames() {
        assertEquals("alice", AccountNames.accountName("alice"));
        assertEquals("john.doe%40example.org", AccountNames.accountName("john.doe@example.org"));
        assertEquals("oneadmin", AccountNames.accountName("oneadmin"));
    }

    @Test
    public void certificateIdentities() {
        assertEquals("CN%3DJane+Tester%2COU%3DLAL%2CO%3DCNRS%2CC%3DFR",
                AccountNames.accountName("CN=Jane Tester,OU=LAL,O=CNRS,C=FR"));
        assertEquals("CN%3DCharles+Loomis%2COU%3DLAL%2CO%3DCNRS%2CC%3DFR%2CO%3DGRID-FR",
                AccountNames.accountName("CN=Charles Loomis,OU=LAL,O=CNRS,C=FR,O=GRID-FR"));
    }

    @Test
    public void identityWithEmailIsTheRfc2253FormOfTheDisplayForm() {
        String identity = new X500Principal("EMAILADDRESS=jane@example.org, CN=Jane Tester, OU=LAL, O=CNRS, C=FR")
                .getName();
        assertEquals("1.2.840.113549.1.9.1=#16106a616e65406578616d706c652e6f7267,CN=Jane Tester,OU=LAL,O=CNRS,C=FR",
                identity);
        assertEquals("1.2.840.113549.1.9.1%3D%2316106a616e65406578616d706c652e6f7267%2CCN%3DJane+Tester%2COU%3DLAL"
                + "%2CO%3DCNRS%2CC%3DFR", AccountNames.accountName(identity));
    }

    @Test
    public void multiValuedRdnAndEscapedComma() {
        String identity = new X500Principal("CN=Jean + UID=jd, OU=\"Ops, Inc\", DC=example, DC=org").getName();
        assertEquals("CN=Jean+UID=jd,OU=Ops\\, Inc,DC=example,DC=org", identity);
        assertEquals("CN%3DJean%2BUID%3Djd%2COU%3DOps%5C%2C+Inc%2CDC%3Dexample%2CDC%3Dorg",
                AccountNames.accountName(identity));
    }

    @Test
    public void unreservedCharactersAndUtf8() {
        assertEquals("a-z_A.Z*0", AccountNames.accountName("a-z_A.Z*0"));
        assertEquals("%C3%A9l%C3%A8ve+%2B", AccountNames.accountName("élève +"));
    }

    @Test
    public void authenticatedUserDelegatesAndChecksRolesCaseSensitively() {
        AuthenticatedUser user = new AuthenticatedUser("john.doe@example.org", Set.of("cloud-access"));
        assertEquals("john.doe%40example.org", user.accountName());
        assertTrue(user.hasRole("cloud-access"));
        assertFalse(user.hasRole("Cloud-Access"));
        assertEquals("eu.stratuslab.authn.user", AuthenticatedUser.REQUEST_ATTRIBUTE);
    }

    @Test
    public void theShortcutForPlainNamesGivesTheEncodersAnswerForEveryCharacter() {
        for (char c = 0; c < 0x3000; c++) {
            for (String name : new String[] {String.valueOf(c), "ab" + c, c + "Z9"}) {
                assertEquals("U+" + Integer.toHexString(c),
                        java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8),
                        AccountNames.accountName(name));
            }
        }
    }
}
