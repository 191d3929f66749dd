package eu.stratuslab.marketplace.manifest;

/**
 * A manifest that cannot be used: malformed or refused XML, a missing or broken signature. The
 * message is meant for the person who sent the manifest (it never holds a stack trace or a key).
 */
public class ManifestException extends Exception {

    public ManifestException(String message) {
        super(message);
    }

    public ManifestException(String message, Throwable cause) {
        super(message, cause);
    }
}
