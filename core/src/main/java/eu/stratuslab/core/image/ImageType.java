package eu.stratuslab.core.image;

import java.util.Locale;

/** Image TYPE numbers (xmlrpc-api.md §4.6). */
public enum ImageType {
    OS, CDROM, DATABLOCK;

    public int code() {
        return ordinal();
    }

    /** null when {@code text} names no type. */
    public static ImageType parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
