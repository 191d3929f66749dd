package eu.stratuslab.hooks.save;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import eu.stratuslab.infra.config.IniFile;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** hooks.md §4.2 step 10 against a real SMTP server on loopback (GreenMail). */
public class SaveMailTest {
    private GreenMail smtp;

    @Before
    public void startSmtp() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
    }

    @After
    public void stopSmtp() {
        smtp.stop();
    }

    private SaveSettings settings(int smtpPort) {
        IniFile cfg = IniFile.parse("[default]\nsave_image_reply_to_email = images@site.example.org\n"
                + "smtp_host = 127.0.0.1\nsmtp_port = " + smtpPort + "\nbuilt_image_validity_period = 3\n"
                + "[persistent-disks]\npersistent_disk_public_base_url = https://cloud.example.org/pdisk\n");
        return SaveSettings.from(cfg, URI.create("https://10.0.0.2:8445/pdisk"), URI.create("http://mp.example.org"));
    }

    @Test
    public void theCreatorGetsTheMailWithTheUnsignedManifestAttached() throws Exception {
        byte[] manifest = "<rdf:RDF>draft</rdf:RDF>".getBytes(StandardCharsets.UTF_8);
        new SaveMail(settings(smtp.getSmtp().getPort()))
                .send("alice@example.org", "Nyuwnr8SOXWilAOWhWTELpytQKS", "0f3c-uuid", "http://mp.example.org", manifest);

        assertTrue("one mail within 10 s", smtp.waitForIncomingEmail(10_000, 1));
        MimeMessage m = smtp.getReceivedMessages()[0];
        assertEquals("images@site.example.org", ((InternetAddress) m.getFrom()[0]).getAddress());
        assertEquals("alice@example.org", ((InternetAddress) m.getAllRecipients()[0]).getAddress());
        assertEquals("New image created Nyuwnr8SOXWilAOWhWTELpytQKS", m.getSubject());
        MimeMultipart parts = (MimeMultipart) m.getContent();
        assertEquals(2, parts.getCount());
        String body = (String) parts.getBodyPart(0).getContent();
        for (String expected : new String[] {"Nyuwnr8SOXWilAOWhWTELpytQKS", "private",
                "https://cloud.example.org/pdisk/pswd/disks/0f3c-uuid", "https://cloud.example.org/pdisk/cert/disks/0f3c-uuid",
                "uploaded to the marketplace", "http://mp.example.org", "valid for only 3 days", "stratus-sign-metadata",
                "stratus-upload-metadata"}) {
            assertTrue("body has " + expected + ":\n" + body, body.contains(expected));
        }
        BodyPart attachment = parts.getBodyPart(1);
        assertEquals("manifest-not-signed.xml", attachment.getFileName());
        try (InputStream in = attachment.getInputStream()) {
            assertArrayEquals(manifest, in.readAllBytes());
        }
    }

    @Test
    public void anUnreachableSmtpServerIsAMessagingException() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        try {
            new SaveMail(settings(closed)).send("alice@example.org", "Nyuwnr8SOXWilAOWhWTELpytQKS", "u", "http://mp",
                    new byte[0]);
            fail("sent through a closed port");
        } catch (MessagingException expected) {
            assertEquals(0, smtp.getReceivedMessages().length);
        }
    }

    @Test
    public void locationAndLinksFollowTheConfiguredPdisk() {
        SaveSettings publicUrl = settings(25);
        assertEquals("pdisk:cloud.example.org:443:u1", publicUrl.location("u1"));
        assertEquals("https://cloud.example.org/pdisk/cert/disks/u1", publicUrl.diskLink("cert", "u1"));

        SaveSettings byIp = SaveSettings.from(IniFile.parse("[persistent-disks]\npersistent_disk_ip = 10.0.0.2\n"
                + "persistent_disk_port = 8445\n"), URI.create("https://10.0.0.2:8445/pdisk"), URI.create("http://mp"));
        assertEquals("pdisk:10.0.0.2:8445:u1", byIp.location("u1"));
        assertEquals(2, byIp.validityDays());
        assertEquals("noreply@stratuslab.eu", byIp.replyTo());
        assertEquals("localhost", byIp.smtpHost());
        assertEquals(25, byIp.smtpPort());

        SaveSettings embedded = SaveSettings.from(IniFile.parse(""), URI.create("https://127.0.0.1:41234/pdisk"),
                URI.create("http://mp"));
        assertEquals("pdisk:127.0.0.1:41234:u1", embedded.location("u1"));
        assertEquals("https://127.0.0.1:41234/pdisk/pswd/disks/u1", embedded.diskLink("pswd", "u1"));

        try {
            SaveSettings.from(IniFile.parse("[default]\nbuilt_image_validity_period = two\n"),
                    URI.create("https://127.0.0.1:1/pdisk"), URI.create("http://mp"));
            fail("accepted a validity that is not a number");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("built_image_validity_period"));
        }
    }
}
