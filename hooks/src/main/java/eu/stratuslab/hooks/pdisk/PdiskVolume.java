package eu.stratuslab.hooks.pdisk;

import com.fasterxml.jackson.databind.JsonNode;

/** One disk as pdisk's JSON describes it (pdisk-api.md §5.1, §5.4); numbers arrive as strings. */
public record PdiskVolume(String uuid, String tag, String quarantine, long count, String owner, String identifier,
                          long size, String type, String visibility) {

    static PdiskVolume of(JsonNode n) {
        return new PdiskVolume(text(n, "uuid"), text(n, "tag"), text(n, "quarantine"), number(n, "count"),
                text(n, "owner"), text(n, "identifier"), number(n, "size"), text(n, "type"), text(n, "visibility"));
    }

    private static String text(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || v.isNull() ? "" : v.asText();
    }

    private static long number(JsonNode n, String key) {
        String t = text(n, key);
        try {
            return t.isEmpty() ? 0 : Long.parseLong(t.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    public boolean quarantined() {
        return !quarantine.isEmpty();
    }

    public boolean isPublic() {
        return "PUBLIC".equalsIgnoreCase(visibility);
    }
}
