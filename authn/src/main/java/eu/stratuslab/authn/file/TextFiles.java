package eu.stratuslab.authn.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the credential files' text. */
final class TextFiles {

    private TextFiles() {
    }

    /**
     * Files are read as UTF-8 so that non-ASCII plain passwords match the UTF-8 decoded Basic
     * header; a file that is not valid UTF-8 is read as ISO-8859-1, the encoding Jetty used.
     */
    static String read(Path path) throws IOException {
        byte[] bytes = Files.readAllBytes(path);
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
