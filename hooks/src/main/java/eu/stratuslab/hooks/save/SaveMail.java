package eu.stratuslab.hooks.save;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.Properties;

/**
 * The mail of a saved image (hooks.md §4.2 step 10): From {@code save_image_reply_to_email}, To
 * {@code CREATOR_EMAIL}, Subject {@code New image created <id>}, a text body and the unsigned draft
 * manifest attached; sent through the configured SMTP server (Jakarta Mail, Angus provider).
 */
public final class SaveMail {
    static final String ATTACHMENT_NAME = "manifest-not-signed.xml";
    private static final Duration SMTP_TIMEOUT = Duration.ofSeconds(30);

    private final SaveSettings settings;

    public SaveMail(SaveSettings settings) {
        this.settings = settings;
    }

    public static String subject(String imageId) {
        return "New image created " + imageId;
    }

    /**
     * @param marketplace where the draft manifest was uploaded
     * @param uuid        the pdisk volume of the new image
     */
    public String body(String imageId, String uuid, String marketplace) {
        return String.join("\n",
                "Your new image has been created. Its identifier is:",
                "",
                "    " + imageId,
                "",
                "The image is stored in the persistent disk service (pdisk) and is private to you by",
                "default. To change who may use it, edit the disk's access at:",
                "",
                "    " + settings.diskLink("pswd", uuid) + "  (user name and password)",
                "    " + settings.diskLink("cert", uuid) + "  (certificate)",
                "",
                "A draft manifest for the image is attached. It has been uploaded to the marketplace",
                "    " + marketplace,
                "and is valid for only " + settings.validityDays() + " day" + (settings.validityDays() == 1 ? "" : "s")
                        + ", signed with a throw-away certificate.",
                "To publish the image for longer, edit the validity (dcterms:valid) of the attached",
                "manifest, sign it with stratus-sign-metadata and upload it through the marketplace",
                "web interface or with stratus-upload-metadata.",
                "");
    }

    /** Sends the mail; any failure is a {@link MessagingException} the caller logs (not fatal). */
    public void send(String to, String imageId, String uuid, String marketplace, byte[] unsignedManifest)
            throws MessagingException {
        Properties p = new Properties();
        p.setProperty("mail.smtp.host", settings.smtpHost());
        p.setProperty("mail.smtp.port", Integer.toString(settings.smtpPort()));
        String millis = Long.toString(SMTP_TIMEOUT.toMillis());
        p.setProperty("mail.smtp.connectiontimeout", millis);
        p.setProperty("mail.smtp.timeout", millis);
        p.setProperty("mail.smtp.writetimeout", millis);
        Session session = Session.getInstance(p);
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(settings.replyTo(), true));
        message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to, true));
        message.setSubject(subject(imageId), StandardCharsets.UTF_8.name());
        message.setSentDate(new Date());
        MimeBodyPart text = new MimeBodyPart();
        text.setText(body(imageId, uuid, marketplace), StandardCharsets.UTF_8.name());
        MimeBodyPart attachment = new MimeBodyPart();
        attachment.setDataHandler(new DataHandler(new ByteArrayDataSource(unsignedManifest, "application/xml")));
        attachment.setFileName(ATTACHMENT_NAME);
        MimeMultipart multipart = new MimeMultipart();
        multipart.addBodyPart(text);
        multipart.addBodyPart(attachment);
        message.setContent(multipart);
        Transport.send(message);
    }
}
