package eu.stratuslab.pdisk.service;

import static org.junit.Assert.assertEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.junit.Test;

/** Test vectors of hooks.md §7. */
public class MarketplaceIdentifierTest {

    @Test
    public void specVectors() throws Exception {
        assertEquals("Nyuwnr8SOXWilAOWhWTELpytQKS", MarketplaceIdentifier.fromSha1(
                MessageDigest.getInstance("SHA-1").digest("data for SHA1 digest".getBytes(StandardCharsets.US_ASCII))));
        assertEquals("AAAAAAAAAAAAAAAAAAAAAAAAAAA", MarketplaceIdentifier.fromSha1(new byte[20]));
        assertEquals("P__________________________", MarketplaceIdentifier.fromSha1(
                HexFormat.of().parseHex("ffffffffffffffffffffffffffffffffffffffff")));
        assertEquals("BN1EEkPiBx87_uLj2-sdybSI-Xb", MarketplaceIdentifier.fromSha1(
                HexFormat.of().parseHex("137510490f881c7ceffb8b8f6fac7726d223e5db")));
    }
}
