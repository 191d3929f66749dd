package eu.stratuslab.pdisk.backend;

/** The configured backend cannot do this (e.g. raw byte access to a Ceph image from the server). */
public class BackendUnsupportedException extends RuntimeException {
    public BackendUnsupportedException(String message) {
        super(message);
    }
}
