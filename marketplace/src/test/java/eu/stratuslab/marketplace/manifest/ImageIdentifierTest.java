package eu.stratuslab.marketplace.manifest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

import org.junit.Test;

/** The four test vectors of hooks.md §7 and the recognition pattern. */
public class ImageIdentifierTest {

    @Test
    public void digestOfTheTwentyBytesDataForSha1Digest() throws Exception {
        byte[] input = "data for SHA1 digest".getBytes(StandardCharsets.US_ASCII);
        assertEquals(20, input.length);
        byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(input);
        assertEquals("dcaec27afc48e5d68a500e5a159310ba72b50292", HexFormat.of().formatHex(sha1));
        assertEquals("Nyuwnr8SOXWilAOWhWTELpytQKS", ImageIdentifier.fromSha1(sha1));
        assertEquals("Nyuwnr8SOXWilAOWhWTELpytQKS",
                ImageIdentifier.fromSha1Hex("dcaec27afc48e5d68a500e5a159310ba72b50292"));
    }

    @Test
    public void allZerosIsAllA() {
        assertEquals("AAAAAAAAAAAAAAAAAAAAAAAAAAA", ImageIdentifier.fromSha1(new byte[20]));
        assertEquals("AAAAAAAAAAAAAAAAAAAAAAAAAAA", ImageIdentifier.fromSha1Hex("0".repeat(40)));
    }

    @Test
    public void allOnesStartsWithP() {
        byte[] ones = new byte[20];
        Arrays.fill(ones, (byte) 0xff);
        assertEquals("P__________________________", ImageIdentifier.fromSha1(ones));
        assertEquals("P__________________________", ImageIdentifier.fromSha1Hex("F".repeat(40)));
    }

    @Test
    public void exampleManifestIdentifier() {
        assertEquals(ManifestFixtures.EXAMPLE_ID, ImageIdentifier.fromSha1Hex(ManifestFixtures.EXAMPLE_SHA1));
    }

    @Test
    public void recognisesIdentifiersInUserInput() {
        assertTrue(ImageIdentifier.isIdentifier("BN1EEkPiBx87_uLj2-sdybSI-Xb"));
        assertTrue(ImageIdentifier.isIdentifier("AAAAAAAAAAAAAAAAAAAAAAAAAAA"));
        assertFalse(ImageIdentifier.isIdentifier("BN1EEkPiBx87_uLj2-sdybSI-X"));
        assertFalse(ImageIdentifier.isIdentifier("BN1EEkPiBx87_uLj2-sdybSI-Xbb"));
        assertFalse(ImageIdentifier.isIdentifier("BN1EEkPiBx87+uLj2-sdybSI-Xb"));
        assertFalse(ImageIdentifier.isIdentifier("BN1EEkPiBx87_uLj2-sdybSI-Xb\n"));
        assertFalse(ImageIdentifier.isIdentifier(null));
    }

    @Test
    public void refusesInputThatIsNotASha1() {
        assertThrows(IllegalArgumentException.class, () -> ImageIdentifier.fromSha1(new byte[19]));
        assertThrows(IllegalArgumentException.class, () -> ImageIdentifier.fromSha1Hex("abc"));
        assertThrows(IllegalArgumentException.class, () -> ImageIdentifier.fromSha1Hex("z".repeat(40)));
    }
}
