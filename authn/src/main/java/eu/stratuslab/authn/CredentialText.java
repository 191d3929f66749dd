package eu.stratuslab.authn;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * How credential bytes become text, the same for the Basic header and the credential files so that
 * a non-ASCII password matches: UTF-8 (authn.md §9), and bytes that are not valid UTF-8 as
 * ISO-8859-1 (what browsers send, and the encoding Jetty read the files in).
 */
public final class CredentialText {
    private CredentialText() {
    }

    public static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }
}
