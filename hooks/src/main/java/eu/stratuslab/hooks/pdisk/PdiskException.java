package eu.stratuslab.hooks.pdisk;

import java.io.IOException;

/** pdisk answered an error: {@link #getMessage()} is pdisk's own text, {@link #status()} its HTTP status. */
public final class PdiskException extends IOException {
    private final int status;

    public PdiskException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
