package eu.stratuslab.pdisk.http;

import java.util.Locale;

/**
 * Representation chosen from {@code Accept} (or {@code ?media=json}); never 406 (pdisk-api.md §3).
 * DEFAULT answers successes in JSON and errors in text, as the original did for unknown types.
 */
public enum Media {
    JSON, HTML, TEXT, GZIP, DEFAULT;

    static Media choose(String accept, String mediaParam) {
        if ("json".equalsIgnoreCase(mediaParam)) {
            return JSON;
        }
        if (accept == null) {
            return DEFAULT;
        }
        String a = accept.toLowerCase(Locale.ROOT);
        if (a.contains("application/json")) {
            return JSON;
        }
        if (a.contains("application/x-gzip") || a.contains("application/gzip")) {
            return GZIP;
        }
        if (a.contains("text/html")) {
            return HTML;
        }
        if (a.contains("text/plain")) {
            return TEXT;
        }
        return DEFAULT;
    }
}
