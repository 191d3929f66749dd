package eu.stratuslab.core.image;

/** Image STATE numbers (xmlrpc-api.md §4.6). */
public enum ImageState {
    INIT, READY, USED, DISABLED, LOCKED, ERROR;

    public int code() {
        return ordinal();
    }
}
