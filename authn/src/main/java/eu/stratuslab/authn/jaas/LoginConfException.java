package eu.stratuslab.authn.jaas;

import java.io.IOException;
import java.nio.file.Path;

/** A {@code login.conf} that cannot be used; the message names the file and the line. */
public class LoginConfException extends IOException {

    private final transient Path file;
    private final int line;

    public LoginConfException(Path file, int line, String message) {
        super(file + ":" + line + ": " + message);
        this.file = file;
        this.line = line;
    }

    public Path file() {
        return file;
    }

    public int line() {
        return line;
    }
}
