package eu.stratuslab.authn.file;

import eu.stratuslab.authn.CredentialText;
import java.io.IOException;
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
        return CredentialText.decode(Files.readAllBytes(path));
    }
}
