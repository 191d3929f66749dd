package eu.stratuslab.authn.password;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

/**
 * Vectors from Drepper's specification ("Unix crypt using SHA-256 and SHA-512") and from glibc /
 * libxcrypt {@code crypt(3)} (generated with Python's {@code crypt} module on Debian 12).
 */
public class ShaCryptTest {

    private static void assertCrypt(String password, String setting, String expected) {
        assertEquals(expected, ShaCrypt.crypt(password.toCharArray(), setting));
        // Re-hashing with the complete hash as setting must reproduce it (that is how we verify).
        assertEquals(expected, ShaCrypt.crypt(password.toCharArray(), expected));
    }

    @Test
    public void drepperSha256Vectors() {
        assertCrypt("Hello world!", "$5$saltstring", "$5$saltstring$5B8vYYiY.CVt1RlTTf8KbXBH3hsxY/GNooZaBBGWEc5");
        assertCrypt("Hello world!", "$5$rounds=10000$saltstringsaltstring",
                "$5$rounds=10000$saltstringsaltst$3xv.VbSHBb41AL9AvLeujZkZRBAwqFMz2.opqey6IcA");
        assertCrypt("a very much longer text to encrypt.  This one even stretches over morethan one line.",
                "$5$rounds=1400$anotherlongsaltstring",
                "$5$rounds=1400$anotherlongsalts$Rx.j8H.h8HjEDGomFU8bDkXm3XIUnzyxf12oP84Bnq1");
    }

    @Test
    public void drepperSha512Vectors() {
        assertCrypt("Hello world!", "$6$saltstring",
                "$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1");
    }

    @Test
    public void roundsBelowTheMinimumAreRaisedTo1000() {
        assertEquals("$6$rounds=1000$roundstoolow$kUMsbe306n21p9R.FRkW3IGn.S9NPN0x50YhH1xhLsPuWGsUSklZt58jaTfF4ZEQpyUNGc0dqbpBYYBaHHrsX.",
                ShaCrypt.crypt("the minimum number is still observed".toCharArray(), "$6$rounds=10$roundstoolow"));
    }

    @Test
    public void glibcVectorsWithSpecialAndNonAsciiCharacters() {
        assertCrypt("s3cr:et@", "$5$saltstring", "$5$saltstring$DsfKPXRyXO96t4lZbNKJ8.XV/3o2RzQJWtlpHgeJ/NA");
        assertCrypt("s3cr:et@", "$6$rounds=2000$0123456789abcdef",
                "$6$rounds=2000$0123456789abcdef$xVUp8jTgVzWe/433hilnHq5Ds/Vw6AYAxkCz7iKjioGbHYwm76LkM6Mm5aJA/ClsB/t.t1gsu1libdwa8MSDh.");
        assertCrypt("pässwörd€", "$5$rounds=1000$roundsalt",
                "$5$rounds=1000$roundsalt$Qg.Hd6hQoawG3ASL7yWc9OtxmAT8xZaAbC2/MjgbFr3");
        assertCrypt("pässwörd€", "$6$saltstring",
                "$6$saltstring$PkXHWm5phY/nuG6Nj7ZfLmEl02xs8W48iMlBxPZcW575N10F57lsVC7uyCPCKKHZIDyOCSIWJhjp9uA3L43ub0");
        assertCrypt("x".repeat(100), "$6$rounds=1000$s",
                "$6$rounds=1000$s$WxwW1vly6jSAbIkKtypInyjRkvHE9x7aXrVFPhptTHQ6eQfMhrEVwKXGTah6uuDMjhyqmTY4E0ztHRL8b8YnQ0");
    }
}
