package eu.stratuslab.marketplace.manifest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ManifestSignerTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static SigningCredentials jane;

    @BeforeClass
    public static void createThrowAwayCertificate() {
        jane = ManifestSigner.throwAwayCertificate("Jane Tester", "jane.tester@example.org", 2);
    }

    /** The example entry signed by jane, as XML text. */
    private static String signedExample() throws Exception {
        return new String(new ManifestSigner(jane).signToXml(ManifestFixtures.exampleEntry()), StandardCharsets.UTF_8);
    }

    /** The message {@link ManifestSigner#verify} refuses {@code xml} with. */
    private static String verifyError(String xml) {
        return assertThrows(ManifestException.class, () -> ManifestSigner.verify(xml.getBytes(StandardCharsets.UTF_8)))
                .getMessage();
    }

    @Test
    public void throwAwayCertificateHasTheRequestedSubjectAndValidity() throws Exception {
        X509Certificate cert = jane.certificate();
        String subject = cert.getSubjectX500Principal().getName();
        assertTrue(subject, subject.contains("CN=Jane Tester"));
        assertEquals(cert.getSubjectX500Principal(), cert.getIssuerX500Principal());
        assertEquals(Optional.of("jane.tester@example.org"), SigningCredentials.emailOf(cert));
        assertEquals("RSA", cert.getPublicKey().getAlgorithm());
        long days = ChronoUnit.HOURS.between(Instant.now(), cert.getNotAfter().toInstant());
        assertTrue("about two days: " + days + " h", days >= 47 && days <= 48);
        cert.verify(cert.getPublicKey());
        assertFalse(jane.toString().contains("PRIVATE"));
    }

    @Test
    public void signedEntryVerifiesAndNamesItsSigner() throws Exception {
        byte[] signed = new ManifestSigner(jane).signToXml(ManifestFixtures.exampleEntry());
        X509Certificate signer = ManifestSigner.verify(signed);
        assertEquals(jane.certificate(), signer);
        ManifestEntry entry = ManifestEntry.parse(signed);
        assertTrue(entry.isSigned());
        assertEquals(ManifestFixtures.exampleEntry().identifier(), entry.identifier());
        assertEquals(jane.certificate(), ManifestSigner.verify(entry));
        String text = new String(signed, StandardCharsets.UTF_8);
        assertTrue(text, text.contains("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"));
    }

    @Test
    public void signatureSurvivesEmbeddingInAMetadataDocument() throws Exception {
        ManifestEntry signed = new ManifestSigner(jane).sign(ManifestFixtures.exampleEntry());
        byte[] metadata = Manifest.of(List.of(signed, ManifestFixtures.exampleEntry())).toXml();
        ManifestEntry extracted = Manifest.parse(metadata).entries().get(0);
        assertEquals(jane.certificate(), ManifestSigner.verify(extracted));
        assertEquals(jane.certificate(), ManifestSigner.verify(Manifest.of(List.of(signed)).toXml()));
    }

    @Test
    public void tamperedContentFails() throws Exception {
        String signed = signedExample();
        String tampered = signed.replace("http://images.example.org/", "http://evil.example.org/");
        assertFalse(signed.equals(tampered));
        assertEquals("the manifest entry was modified after it was signed (digest mismatch)", verifyError(tampered));
    }

    @Test
    public void tamperedSignatureValueFails() throws Exception {
        String signed = signedExample();
        Matcher m = Pattern.compile("<ds:SignatureValue>([^<]+)</ds:SignatureValue>").matcher(signed);
        assertTrue(m.find());
        // the encoder may break lines with a character reference for CR
        byte[] value = Base64.getMimeDecoder().decode(m.group(1).replace("&#13;", ""));
        value[10] ^= 0x01;
        String tampered = signed.substring(0, m.start(1)) + Base64.getEncoder().encodeToString(value)
                + signed.substring(m.end(1));
        assertEquals("the signature value does not match the signer certificate's key", verifyError(tampered));
    }

    @Test
    public void anotherCertificateInKeyInfoFails() throws Exception {
        SigningCredentials mallory = ManifestSigner.throwAwayCertificate("Mallory", "mallory@example.org", 1);
        String signed = signedExample();
        String janeCert = Base64.getEncoder().encodeToString(jane.certificate().getEncoded());
        String malloryCert = Base64.getEncoder().encodeToString(mallory.certificate().getEncoded());
        String normalised = signed.replaceAll("(?s)<ds:X509Certificate>[^<]+</ds:X509Certificate>",
                "<ds:X509Certificate>" + malloryCert + "</ds:X509Certificate>");
        assertFalse(normalised.contains(janeCert));
        assertEquals("the signature value does not match the signer certificate's key", verifyError(normalised));
    }

    @Test
    public void aSignatureOverLessThanTheWholeEntryIsRefused() throws Exception {
        String signed = signedExample();
        assertTrue(signed.contains("URI=\"\""));
        String partial = signed.replace("URI=\"\"", "URI=\"#somewhere-else\"");
        assertEquals("the XML signature must cover the whole entry (Reference URI=\"\"), not #somewhere-else",
                verifyError(partial));
    }

    @Test
    public void unsignedEntryFailsClearly() {
        ManifestException e = assertThrows(ManifestException.class,
                () -> ManifestSigner.verify(ManifestFixtures.exampleEntry()));
        assertEquals("the manifest entry is not signed: no XML signature (ds:Signature) found", e.getMessage());
    }

    @Test
    public void editingASignedEntryDropsTheSignature() throws Exception {
        ManifestEntry signed = new ManifestSigner(jane).sign(ManifestFixtures.exampleEntry());
        ManifestEntry edited = signed.withTitle("changed");
        assertFalse(edited.isSigned());
        ManifestEntry resigned = new ManifestSigner(jane).sign(edited);
        assertEquals(Optional.of("changed"), resigned.title());
        assertEquals(jane.certificate(), ManifestSigner.verify(resigned));
    }

    @Test
    public void certificateValidityIsCheckedAtTheGivenInstant() throws Exception {
        byte[] signed = new ManifestSigner(jane).signToXml(ManifestFixtures.exampleEntry());
        assertEquals(jane.certificate(), ManifestSigner.verify(signed, Instant.now()));
        ManifestException e = assertThrows(ManifestException.class,
                () -> ManifestSigner.verify(signed, Instant.now().plus(3, ChronoUnit.DAYS)));
        assertTrue(e.getMessage(), e.getMessage().startsWith("the signer certificate expired on "));
    }

    @Test
    public void credentialsRoundTripThroughPkcs12() throws Exception {
        Path file = tmp.getRoot().toPath().resolve("signer.p12");
        char[] password = "A1B2C3".toCharArray();
        jane.writePkcs12(file, password);
        assertTrue(Files.size(file) > 0);
        SigningCredentials back = SigningCredentials.readPkcs12(file, password);
        assertEquals(jane.certificate(), back.certificate());
        byte[] signed = new ManifestSigner(back).signToXml(ManifestFixtures.exampleEntry());
        assertEquals(jane.certificate(), ManifestSigner.verify(signed));
    }
}
