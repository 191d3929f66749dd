package eu.stratuslab.authn.password;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

/** Every credential form of authn.md §3 plus the project additions, against known vectors. */
public class PasswordCredentialsTest {

    private static void assertAccepts(String stored, String password) {
        assertTrue(stored + " should accept " + password,
                PasswordCredentials.fromPasswordFile(stored).matches(password.toCharArray()));
    }

    private static void assertRefuses(String stored, String password) {
        assertFalse(stored + " should refuse " + password,
                PasswordCredentials.fromPasswordFile(stored).matches(password.toCharArray()));
    }

    @Test
    public void plainText() {
        assertAccepts("ChangeMe2014", "ChangeMe2014");
        assertRefuses("ChangeMe2014", "changeme2014");
        assertRefuses("ChangeMe2014", "ChangeMe201");
        assertAccepts("s3cr:et@", "s3cr:et@");
    }

    @Test
    public void jettyObfuscationFromTheSpec() {
        assertAccepts("OBF:1v2j1uum1xtv1zej1zer1xtn1uvk1v1v", "password");
        assertRefuses("OBF:1v2j1uum1xtv1zej1zer1xtn1uvk1v1v", "Password");
    }

    @Test
    public void md5InLowerAndUpperCaseHex() {
        assertAccepts("MD5:5f4dcc3b5aa765d61d8327deb882cf99", "password");
        assertAccepts("MD5:5F4DCC3B5AA765D61D8327DEB882CF99", "password");
        assertRefuses("MD5:5f4dcc3b5aa765d61d8327deb882cf99", "passwore");
    }

    @Test
    public void unixDesCrypt() {
        // crypt(3) vectors from glibc.
        assertAccepts("CRYPT:Xy2PtsPf0839Y", "password");
        assertAccepts("CRYPT:abJnggxhB/yWI", "password");
        assertAccepts("CRYPT:Xyd5StTjuMiJA", "s3cr:et@");
        assertRefuses("CRYPT:Xy2PtsPf0839Y", "passwor");
    }

    @Test
    public void bcryptAllVariants() {
        assertAccepts("$2a$04$N9qo8uLOickgx2ZMRZoMyeSuVmV5MQilj2yZi38Fq2CCnx12jZvOG", "password");
        assertAccepts("$2b$05$abcdefghijklmnopqrstuuWG29KuyeAicPCJODk1zjyGvyQUU2awu", "password");
        assertAccepts("$2y$04$CCCCCCCCCCCCCCCCCCCCC.FXJHjF.8tyWAsIeGLxC7hC/nyX4QxgC", "password");
        assertAccepts("$2b$05$abcdefghijklmnopqrstuusHZ2rgz8QL4kRKOsziWCd/bhc7DjfvG", "s3cr:et@");
        assertAccepts("$2a$04$N9qo8uLOickgx2ZMRZoMyew3tHR3yYAjNALPVoNMCths0XYTBl/x6", "pässwörd€");
        assertRefuses("$2a$04$N9qo8uLOickgx2ZMRZoMyeSuVmV5MQilj2yZi38Fq2CCnx12jZvOG", "passwore");
        assertRefuses("$2y$04$CCCCCCCCCCCCCCCCCCCCC.FXJHjF.8tyWAsIeGLxC7hC/nyX4QxgC", "");
    }

    @Test
    public void bcryptUsesTheFirst72BytesLikeCrypt3() {
        String hash = "$2b$04$abcdefghijklmnopqrstuubzadhGtS2zEF.gu0yd0opP6cVzb.e0i";
        assertAccepts(hash, "x".repeat(72));
        assertAccepts(hash, "x".repeat(80));
        assertRefuses(hash, "x".repeat(71));
    }

    @Test
    public void shaCrypt() {
        assertAccepts("$5$saltstring$OH4IDuTlsuTYPdED1gsuiRMyTAwNlRWyA6Xr3I4/dQ5", "password");
        assertAccepts("$5$rounds=1000$roundsalt$4eHNCANS5unVtvFZSSnOnKdnmF0wcj3B6LQShTIJe45", "password");
        assertAccepts("$6$saltstring$adDbXsJjcDlq2662QPgd.tkSOVmnG9Tt3oXl4HR60SusC3AGjirnDenVZp3DGwLwqy6iYKCzannhaX9DR72nN1",
                "password");
        assertAccepts("$6$rounds=2000$0123456789abcdef$WgPSr1aDKV50msDjMSvfaDLCXXBJVL55GXGzIiY5eUAYPb9EfzAZ//4DKz611l9JUrzHG09oLRTju01htKNAA.",
                "password");
        assertRefuses("$5$saltstring$OH4IDuTlsuTYPdED1gsuiRMyTAwNlRWyA6Xr3I4/dQ5", "Password");
    }

    @Test
    public void malformedHashesArePlainPasswords() {
        // An existing plain password that merely looks like the start of a hash keeps working.
        assertAccepts("$5$notahash", "$5$notahash");
        assertAccepts("$2a$10$short", "$2a$10$short");
        assertRefuses("$5$notahash", "notahash");
    }

    @Test
    public void ldapSchemes() {
        assertTrue(PasswordCredentials.fromLdapUserPassword("{SSHA}Lp/geY9sCLKH4q2wt6Uqg0oROU4BAgME")
                .matches("ldap-secret".toCharArray()));
        assertFalse(PasswordCredentials.fromLdapUserPassword("{SSHA}Lp/geY9sCLKH4q2wt6Uqg0oROU4BAgME")
                .matches("ldap-secreT".toCharArray()));
        assertTrue(PasswordCredentials.fromLdapUserPassword("{SHA}Zv12lhNZMD+/u/UvW3Fghm7FzVU=")
                .matches("ldap-secret".toCharArray()));
        assertTrue(PasswordCredentials.fromLdapUserPassword(
                "{SSHA512}ihAIQN7h+WhHIfbDh5uJNZzPsFG/uV7uhMfPIBDPv6eJ0ryY+QtOIXXQCA7yGU4UV/hkCtEkHU4cwyvFZBbgEHNhbHRzYWx0")
                .matches("ldap-secret".toCharArray()));
        assertTrue(PasswordCredentials.fromLdapUserPassword(
                "{CRYPT}$6$abc$73alVTBng82m4TPYU22dYT0Nqrs.lwfhLyNEQP95thLvSL1z6Ilxy5JFnM7SGr7e1cmzU.TWSR.lk6s4PQnP4/")
                .matches("ldap-secret".toCharArray()));
        // slappasswd -s 'jdoe:pw@1' -h '{SSHA}'
        assertTrue(PasswordCredentials.fromLdapUserPassword("{SSHA}ljwrZf1E7UkQ4xrP3BpRgPq6u/XFcT9i")
                .matches("jdoe:pw@1".toCharArray()));
        assertTrue(PasswordCredentials.fromLdapUserPassword("plain-ldap").matches("plain-ldap".toCharArray()));
    }

    @Test
    public void credentialsNeverShowTheStoredValue() {
        String shown = PasswordCredentials.fromPasswordFile("ChangeMe2014").toString();
        assertFalse(shown, shown.contains("ChangeMe2014"));
        assertEquals(-1, PasswordCredentials.fromPasswordFile("MD5:5f4dcc3b5aa765d61d8327deb882cf99")
                .toString().indexOf("5f4dcc"));
    }
}
